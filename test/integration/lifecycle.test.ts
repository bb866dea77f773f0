/**
 * Every path of the lifecycle, over HTTP against the local cloud with the virtual clock: the
 * merchant acts with SigV4 keys, the consumer with a session, the clock moves the timers.
 */
import { describe, expect, it } from 'vitest';
import { advanceClock, eventually, executions, freshPhone, outbox, request, signInVerified } from './http';
import { smsPartsOf } from '../../functions/domain/sms';
import {
  complaintBody,
  confirmEmailAddress,
  fileComplaint,
  publicView,
  statusBecomes,
  storedCase,
  timelineActions,
} from './complaints';
import { seeds, signedCall } from './signed';

const proposal = {
  remedy: 'REFUND',
  amount: 4200,
  message: 'Refunded to your bKash account.',
  evidence: ['refund-receipt-3003.pdf'],
};

const status = async (trackingNumber: string) => (await publicView(trackingNumber)).status as string;

const proposed = async () => {
  const complaint = await fileComplaint();
  expect((await complaint.merchant('acknowledge')).status).toBe(200);
  const response = await complaint.merchant('propose-resolution', proposal);
  expect(response.status).toBe(200);
  expect(response.body.status).toBe('RESOLUTION_PROPOSED');
  return complaint;
};

/** State transitions the complaint's workflow executions cost so far (states entered, from the engine's event log). */
const transitions = async (trackingNumber: string) =>
  eventually(
    () => executions(`${trackingNumber}-`),
    (list) => list.every((e) => e.status !== 'RUNNING' || e.statesEntered.length > 0),
  ).then((list) => list.reduce((sum, e) => sum + e.statesEntered.length, 0));

const actions = timelineActions;

describe('the complaint lifecycle', () => {
  it('tells the consumer by SMS at every step (and by email once the address is confirmed), and the merchant’s grievance officer by email', async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    const filed = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, language: 'en', email: 'rina@example.com' },
      session,
    );
    const trackingNumber = filed.body.trackingNumber as string;
    await statusBecomes(trackingNumber, 'AWAITING_MERCHANT');
    // The address gets the filing's email, with a link to confirm it; later updates once confirmed.
    // Confirmed upon the hand-over's SMS: that update was not emailed (the SMS comes after that is settled).
    await eventually(
      () => outbox({ channel: 'sms', to: phone, mentions: 'received and sent to the merchant' }),
      (found) => found.length === 1,
    );
    await confirmEmailAddress('rina@example.com', trackingNumber);
    await signedCall(
      seeds().merchants['demo-bazaar']!,
      'POST',
      `/v1/merchant/complaints/${trackingNumber}/propose-resolution`,
      proposal,
    );
    // The proposal's SMS carries a one-tap link in place of the tracking number.
    const forConsumer = await eventually(
      async () =>
        (await outbox()).filter(
          (m) =>
            (m.to === phone && m.channel === 'sms' && /\/t[/#]/.test(String(m.body))) ||
            (m.to === 'rina@example.com' && String(m.body).includes(trackingNumber)),
        ),
      (found) => found.length >= 4,
    );
    expect(forConsumer.map((m) => [m.channel, String(m.body).replace(/ by .*| Tracking.*/s, '')])).toEqual([
      ['email', 'Your complaint has been received.'],
      // The filing and the hand-over a second later are one moment: one SMS, before the address was confirmed.
      ['sms', 'Your complaint was received and sent to the merchant, who must resolve it'],
      ['email', `The merchant proposed a resolution for complaint ${trackingNumber}. Confirm or dispute it`],
      ['sms', 'The merchant proposed a resolution. Confirm or dispute it'],
    ]);
    // Each SMS is one part and ends with the short link: the complaint's page, or the proposal's one-tap page.
    const smsTexts = forConsumer.filter((m) => m.channel === 'sms').map((m) => String(m.body));
    for (const text of smsTexts) expect(smsPartsOf(text), text).toBe(1);
    expect(smsTexts[0]).toMatch(new RegExp(`\\S+/t/${trackingNumber}$`));
    expect(smsTexts[1]).toMatch(/\S+\/t#[0-9A-Za-z]{11}$/);
    const toMerchant = (await outbox({ mentions: trackingNumber })).filter(
      (m) =>
        m.channel === 'email' && m.to === 'grievance@demo-bazaar.example' && String(m.body).includes(trackingNumber),
    );
    expect(toMerchant.map((m) => m.subject)).toEqual([`CCMS ${trackingNumber}: awaiting merchant`]);
  });

  it('confirm: SETTLED, then CLOSED when the 15-day reopen window ends', async () => {
    const { trackingNumber, consumer } = await proposed();
    const confirmed = await consumer('confirm', { comment: 'Received, thank you.' });
    expect(confirmed.body).toMatchObject({ status: 'SETTLED', deadlines: { reopenWindowEnds: expect.any(String) } });
    await advanceClock('P14DT23H');
    expect(await status(trackingNumber)).toBe('SETTLED');
    await advanceClock('PT2H');
    expect(await statusBecomes(trackingNumber, 'CLOSED')).toBe('CLOSED');
    expect(await actions(trackingNumber)).toEqual([
      'FILE',
      'NOTIFY_MERCHANT',
      'ACKNOWLEDGE',
      'PROPOSE_RESOLUTION',
      'CONFIRM',
      'CLOSE',
    ]);
    // Each timer enters WhatIsDue and its named Wait (2), then, if it fires, FireTimer, DueYet and Done (5):
    // notify (5) + 72-hour reminder, stopped (2) + deadline, stopped (2) + auto-settlement, stopped (2) + reopen window (5)
    expect(await transitions(trackingNumber)).toBe(16);
  });

  it('silence: AUTO_SETTLED 7 days after the proposal (not before), CLOSED 15 days later', async () => {
    const { trackingNumber } = await proposed();
    await advanceClock('P6DT23H');
    expect(await status(trackingNumber)).toBe('RESOLUTION_PROPOSED');
    await advanceClock('PT2H');
    expect(await statusBecomes(trackingNumber, 'AUTO_SETTLED')).toBe('AUTO_SETTLED');
    await advanceClock('P15DT1H');
    expect(await statusBecomes(trackingNumber, 'CLOSED')).toBe('CLOSED');
    // notify (5) + reminder, stopped (2) + deadline, stopped (2) + auto-settlement (5) + reopen window (5)
    expect(await transitions(trackingNumber)).toBe(19);
  });

  it('reopen on day 14, resolved again; a reopen after the window is refused with the date it closed', async () => {
    const { trackingNumber, consumer, merchant } = await proposed();
    await consumer('confirm');
    await advanceClock('P14D');
    const reopened = await consumer('reopen', { reason: 'The refund was reversed by the bank.' });
    expect(reopened.status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    expect((await merchant('propose-resolution', proposal)).status).toBe(200);
    expect((await consumer('confirm')).body.status).toBe('SETTLED');

    await advanceClock('P16D');
    expect(await statusBecomes(trackingNumber, 'CLOSED')).toBe('CLOSED');
    const late = await consumer('reopen', { reason: 'Trying again much later.' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', currentStatus: 'CLOSED' });
  });

  it('repeated reopen cycles: each reopen gets a fresh merchant deadline and a fresh 15-day window', async () => {
    const { trackingNumber, consumer, merchant } = await proposed();
    for (let cycle = 1; cycle <= 3; cycle++) {
      expect((await consumer('confirm')).body.status).toBe('SETTLED');
      await advanceClock('P10D');
      expect((await consumer('reopen', { reason: `Problem came back, round ${cycle}.` })).status).toBe(200);
      await statusBecomes(trackingNumber, 'AWAITING_MERCHANT');
      expect((await merchant('propose-resolution', proposal)).status).toBe(200);
    }
    expect(await status(trackingNumber)).toBe('RESOLUTION_PROPOSED');
    const timeline = await actions(trackingNumber);
    expect(timeline.filter((a) => a === 'REOPEN')).toHaveLength(3);
    expect(timeline.filter((a) => a === 'PROPOSE_RESOLUTION')).toHaveLength(4);
    const stored = await storedCase(trackingNumber);
    expect(stored.complaint.reopenCount).toBe(3);
    expect(stored.timelineVerification).toEqual({ valid: true });
  });

  it('refuses a reopen on day 16: the window has ended and the complaint is closed', async () => {
    const { consumer } = await proposed();
    await consumer('confirm');
    await advanceClock('P16D');
    const late = await consumer('reopen', { reason: 'Reopening a little too late.' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      currentStatus: 'CLOSED',
      message: 'The 15-day reopen window has ended and the complaint is closed; it can no longer be reopened.',
    });
  });

  it('a reopen moves the deadline earlier than the old timer: escalation comes 7 days after the reopen, not at the window end', async () => {
    const { trackingNumber, consumer } = await proposed();
    await consumer('confirm');
    await advanceClock('P2D');
    await consumer('reopen', { reason: 'The refund was reversed by the bank.' });
    await statusBecomes(trackingNumber, 'AWAITING_MERCHANT');
    await advanceClock('P6DT23H');
    expect(await status(trackingNumber)).toBe('AWAITING_MERCHANT');
    await advanceClock('PT2H');
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    // first round as in "confirm" up to the reopen (5+2+2+2+2), then notify (5) + reminder (5) + new deadline (5)
    expect(await transitions(trackingNumber)).toBe(28);
  });

  it('dispute: ESCALATED at once, with the reason regulators filter on', async () => {
    const { trackingNumber, consumer } = await proposed();
    expect((await consumer('dispute', { reason: 'Only half of the money arrived.' })).body.status).toBe('DISPUTED');
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    const escalation = await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-escalations', mentions: trackingNumber })).find(
          (m) => m.body.trackingNumber === trackingNumber,
        ),
      (found) => found !== undefined,
    );
    expect(escalation?.attributes).toMatchObject({ reason: 'RESOLUTION_DISPUTED', merchantId: 'demo-bazaar' });
    // notify (5) + reminder, stopped (2) + deadline, stopped (2) + auto-settlement, stopped (2) + escalate at once (5)
    expect(await transitions(trackingNumber)).toBe(16);
  });

  it('rate: once, after settlement, from 1 to 5', async () => {
    const { trackingNumber, consumer } = await proposed();
    expect((await consumer('rate', { score: 5 })).status).toBe(409);
    await consumer('confirm');
    expect((await consumer('rate', { score: 6 })).status).toBe(400);
    const rated = await consumer('rate', { score: 4, comment: 'Quick refund, slow first answer.' });
    expect(rated.body.status).toBe('SETTLED');
    const again = await consumer('rate', { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('You have already rated the handling of this complaint.');
    expect((await actions(trackingNumber)).at(-1)).toBe('RATE');
  });

  it('withdraw: WITHDRAWN, and no timer is left running', async () => {
    const { trackingNumber, consumer } = await fileComplaint();
    // Withdraw while the 72-hour reminder is waiting, so the cost below is exact.
    await eventually(
      async () =>
        (await executions(trackingNumber)).find((e) => e.name === `${trackingNumber}-t2-ACKNOWLEDGEMENT_REMINDER`),
      (execution) => execution?.statesEntered.length === 2,
    );
    expect((await consumer('withdraw', { reason: 'Settled privately.' })).body.status).toBe('WITHDRAWN');
    const timers = await eventually(
      () => executions(trackingNumber),
      (list) => list.every((e) => e.status !== 'RUNNING'),
    );
    expect(timers.filter((e) => e.status === 'RUNNING')).toEqual([]);
    // notify (5) + 72-hour reminder, stopped (2)
    expect(await transitions(trackingNumber)).toBe(7);
  });

  it('two simultaneous answers: one wins, the other gets 409 with the status the winner left', async () => {
    const { consumer } = await proposed();
    const [confirm, dispute] = await Promise.all([
      consumer('confirm'),
      consumer('dispute', { reason: 'Only half of the money arrived.' }),
    ]);
    const statuses = [confirm.status, dispute.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = confirm.status === 409 ? confirm : dispute;
    const winner = confirm.status === 200 ? confirm : dispute;
    // The loser is told where the winner left the complaint (a dispute moves on to ESCALATED at once).
    const expectedStatuses = winner.body.status === 'DISPUTED' ? ['DISPUTED', 'ESCALATED'] : ['SETTLED'];
    expect(expectedStatuses).toContain(loser.body.error.currentStatus);
  });

  it('refuses what the rules do not allow, clearly: a consumer confirming before any proposal, an unknown action', async () => {
    const { consumer, merchant } = await fileComplaint();
    const early = await consumer('confirm');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('A complaint that is AWAITING_MERCHANT cannot be confirmed.');
    expect((await merchant('refund-everyone')).status).toBe(404);
    const noReason = await consumer('dispute', {});
    expect(noReason.status).toBe(400);
  });
});
