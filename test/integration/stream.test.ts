/**
 * The stream of complaint changes keeps moving: a change that always fails is retried a bounded
 * number of times and set aside, and the complaints behind it in the stream still get their
 * timers; a message that can never be delivered is kept with its complaint and holds nothing up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { complaintBody, complaintTexts, deadLetters, storedCase, statusBecomes } from './complaints';
import { eventually, executions, freshPhone, outbox, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

afterEach(async () => {
  await request('POST', '/__local/faults', { clear: true });
});

const runningTimers = (trackingNumber: string) => executions(`${trackingNumber}-`, 'RUNNING');

describe('a change that always fails', () => {
  it('is set aside after its retries, and the complaints filed after it still get their timers', {
    timeout: 180_000,
  }, async () => {
    const poisonPhone = freshPhone();
    const poisonSession = await signInVerified(poisonPhone);
    const laterSessions = await Promise.all([signInVerified(freshPhone()), signInVerified(freshPhone())]);
    // Every delivery of a change of this consumer's complaint crashes the consumer.
    expect(
      (
        await request('POST', '/__local/faults', {
          point: 'stream.crashAfterRun',
          times: 'untilCleared',
          target: poisonPhone,
        })
      ).status,
    ).toBe(200);

    const poison = await request('POST', '/v1/complaints', complaintBody, poisonSession);
    expect(poison.status).toBe(201);
    const later = await Promise.all(
      laterSessions.map((session) => request('POST', '/v1/complaints', complaintBody, session)),
    );
    for (const filed of later) {
      // Behind the poisoned change in the shard: each waits out up to 11 deliveries of it, each a full run of the consumer.
      expect(await statusBecomes(filed.body.trackingNumber, 'AWAITING_MERCHANT', 60_000)).toBe('AWAITING_MERCHANT');
      const timers = await eventually(
        () => runningTimers(filed.body.trackingNumber),
        (running) => running.length === 1,
        60_000,
      );
      expect(timers).toHaveLength(1);
    }
    const setAside = await eventually(
      deadLetters,
      (letters) => letters.some((l) => l.keys.pk.S === `COMPLAINT#${poison.body.trackingNumber}`),
      60_000,
    );
    expect(
      setAside.filter((l) => l.keys.pk.S === `COMPLAINT#${poison.body.trackingNumber}`).length,
    ).toBeGreaterThanOrEqual(1);
    // The poisoned complaint's later changes (its timers) would crash the consumer for the rest of the file.
    await request('POST', '/__local/faults', { clear: true });
  });
});

describe('a message that can never be delivered', () => {
  it('is kept with the complaint, and the timer, the merchant and the regulators are not held up', async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    // SNS refuses every SMS to this number for good (as for a number it cannot text).
    expect(
      (await request('POST', '/__local/faults', { point: 'sns.PublishRejected', times: 'untilCleared', target: phone }))
        .status,
    ).toBe(200);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const merchant = (action: string, body: object) =>
      signedCall(
        seeds().merchants['demo-bazaar']!,
        'POST',
        `/v1/merchant/complaints/${trackingNumber}/${action}`,
        body,
      );
    expect((await merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.' })).status).toBe(200);
    expect(
      (
        await request(
          'POST',
          `/v1/consumer/complaints/${trackingNumber}/dispute`,
          { reason: 'Nothing reached my account.' },
          session,
        )
      ).status,
    ).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');

    const read = await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (response) => (response.body.undeliverableMessages?.length ?? 0) >= 3,
    );
    const kept = read.body.undeliverableMessages as { channel: string; seq: number; reason: string }[];
    expect(kept.every((message) => message.channel === 'sms' && /refused/.test(message.reason))).toBe(true);
    // One per SMS the consumer is due: filed and with the merchant, proposal, disputed and escalated.
    expect(kept.map((message) => message.seq)).toEqual([...new Set(kept.map((message) => message.seq))]);
    expect((await deadLetters()).filter((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`)).toEqual([]);
    expect((await storedCase(trackingNumber)).timelineVerification).toEqual({ valid: true });
  });
});

/** The consumer's texts about one complaint. */
/** The texts about a complaint (its proposal's carries a one-tap link instead of its number: complaintTexts). */
const textsAbout = async (phone: string, trackingNumber: string) =>
  (await complaintTexts(phone, trackingNumber)).map((m) => String(m.body));

describe('an SMS service that is down for one consumer', () => {
  it('holds up neither the case record, the escalation nor the merchant; the texts are kept as undeliverable after their attempts', {
    timeout: 120_000,
  }, async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    // SNS cannot take any SMS to this number for now (503), however often it is asked.
    expect(
      (await request('POST', '/__local/faults', { point: 'sns.Publish', times: 'untilCleared', target: phone })).status,
    ).toBe(200);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 60_000)).toBe('AWAITING_MERCHANT');
    const merchant = seeds().merchants['demo-bazaar']!;
    const proposed = await signedCall(
      merchant,
      'POST',
      `/v1/merchant/complaints/${trackingNumber}/propose-resolution`,
      {
        remedy: 'REFUND',
        message: 'Refunded.',
      },
    );
    expect(proposed.status).toBe(200);
    const disputed = await request(
      'POST',
      `/v1/consumer/complaints/${trackingNumber}/dispute`,
      { reason: 'Nothing reached my account.' },
      session,
    );
    expect(disputed.status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED', 60_000)).toBe('ESCALATED');
    // The regulators hear of it and its record is issued, while the consumer's texts are still being tried.
    const escalations = await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-escalations', mentions: trackingNumber })).filter(
          (m) => m.body.trackingNumber === trackingNumber,
        ),
      (found) => found.length > 0,
      { timeoutMs: 60_000, what: 'the escalation message' },
    );
    expect(escalations).toHaveLength(1);
    const read = await eventually(
      () => signedCall(seeds().regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`),
      (response) => response.body.caseRecords?.length > 0 && response.body.undeliverableMessages?.length >= 3,
      { timeoutMs: 90_000, what: 'the case record and the three texts kept as undeliverable' },
    );
    const kept = read.body.undeliverableMessages as { channel: string; recipient: string; reason: string }[];
    // Filed and with the merchant, proposal, disputed and escalated (one SMS each moment): each given up on after its attempts.
    expect(kept).toHaveLength(3);
    expect(kept.every((m) => m.channel === 'sms' && /^not delivered in 5 attempts/.test(m.reason))).toBe(true);
    expect(await textsAbout(phone, trackingNumber)).toEqual([]);
    // Each merchant notice went once, and nothing was set aside.
    const notices = (await outbox({ to: 'ccms-local-notifications', mentions: trackingNumber }))
      .filter((m) => m.body.trackingNumber === trackingNumber)
      .map((m) => m.body.type as string);
    expect(notices.sort()).toEqual(['complaint.awaiting-merchant', 'complaint.escalated']);
    expect((await deadLetters()).filter((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`)).toEqual([]);
  });

  it('a merchant notice that fails once is sent again alone: the consumer is not texted twice', async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    const trackingNumber = filed.body.trackingNumber as string;
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const merchant = seeds().merchants['demo-bazaar']!;
    await signedCall(merchant, 'POST', `/v1/merchant/complaints/${trackingNumber}/propose-resolution`, {
      remedy: 'REFUND',
      message: 'Refunded.',
    });
    // The escalation's merchant notice alone fails: four times, more than the SDK's three attempts of one delivery.
    const notice = `{"type":"complaint.escalated","trackingNumber":"${trackingNumber}"`;
    expect((await request('POST', '/__local/faults', { point: 'sns.Publish', times: 4, target: notice })).status).toBe(
      200,
    );
    const disputed = await request(
      'POST',
      `/v1/consumer/complaints/${trackingNumber}/dispute`,
      { reason: 'Nothing reached my account.' },
      session,
    );
    expect(disputed.status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    await eventually(
      async () =>
        (await outbox({ to: 'ccms-local-notifications', mentions: trackingNumber })).filter(
          (m) => m.body.type === 'complaint.escalated',
        ),
      (found) => found.length > 0,
      { what: 'the escalation notice to the merchant' },
    );
    const faults = (await request('GET', '/__local/faults')).body as { pending: unknown[] };
    expect(faults.pending).toEqual([]);
    const texts = await textsAbout(phone, trackingNumber);
    // Filed and with the merchant, proposal, disputed and escalated (one SMS each moment): each once.
    expect(texts).toHaveLength(3);
    expect(new Set(texts).size).toBe(3);
    const escalations = (await outbox({ to: 'ccms-local-escalations', mentions: trackingNumber })).filter(
      (m) => m.body.trackingNumber === trackingNumber,
    );
    expect(escalations).toHaveLength(1);
  });
});

describe('a change that cannot be counted', () => {
  it('is set aside by the counting consumer alone: the complaint still gets its timer and reaches the merchant', {
    timeout: 180_000,
  }, async () => {
    const phone = freshPhone();
    const session = await signInVerified(phone);
    // Every count of this consumer's complaint fails, however often it is retried.
    expect(
      (
        await request('POST', '/__local/faults', {
          point: 'stream.countingFails',
          times: 'untilCleared',
          target: phone,
        })
      ).status,
    ).toBe(200);
    const filed = await request('POST', '/v1/complaints', complaintBody, session);
    expect(filed.status).toBe(201);
    const trackingNumber = filed.body.trackingNumber as string;

    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');
    const timers = await eventually(
      () => runningTimers(trackingNumber),
      (running) => running.length === 1,
      { what: `one running timer for ${trackingNumber}` },
    );
    expect(timers.map((timer) => timer.name)).toEqual([`${trackingNumber}-t2-ACKNOWLEDGEMENT_REMINDER`]);
    const setAside = await eventually(
      deadLetters,
      (letters) => letters.some((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`),
      { timeoutMs: 60_000, what: `the counting consumer to set aside a change of ${trackingNumber}` },
    );
    const mine = setAside.filter((l) => l.keys.pk.S === `COMPLAINT#${trackingNumber}`);
    expect(new Set(mine.map((l) => l.consumer))).toEqual(new Set(['countComplaintChanges']));
  });
});
