/**
 * One tap from an SMS, over HTTP against the local cloud: the proposal's SMS carries a one-tap link,
 * the link confirms or disputes without signing in, once; the settlement's SMS carries one that
 * reopens. The code is in no log and no stored item.
 */
import { describe, expect, it } from 'vitest';
import { smsPartsOf } from '../../functions/domain/sms';
import { complaintTexts, fileComplaint, localTable, statusBecomes, storedCase } from './complaints';
import { advanceClock, eventually, request, signInVerified } from './http';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/adapters/table-design';
import { oneTapCodeHash } from '../../functions/domain/one-tap';
import { localTableName } from '../../local/dynamodb';

const proposal = { remedy: 'REFUND', amount: 2450, message: 'Refunded to your bKash account.', evidence: [] };

/** The code of the newest one-tap link texted to `phone` once there are `count` of them. */
const oneTapCode = async (phone: string, trackingNumber: string, count: number) => {
  const texts = await eventually(
    async () =>
      (await complaintTexts(phone, trackingNumber)).map((m) => String(m.body)).filter((t) => t.includes('/t#')),
    (found) => found.length >= count,
    { what: `${count} SMS with a one-tap link to ${phone}` },
  );
  const text = texts.at(-1)!;
  expect(smsPartsOf(text), text).toBe(1);
  return /\/t#([0-9A-Za-z]{11})$/.exec(text)![1]!;
};

describe('one tap from an SMS', () => {
  it('confirms a proposal from its SMS without signing in, once; reopens from the settlement’s SMS', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    expect((await complaint.merchant('propose-resolution', proposal)).status).toBe(200);
    const code = await oneTapCode(phone, trackingNumber, 1);

    const opened = await request('POST', '/v1/one-tap', { code });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      trackingNumber,
      status: 'RESOLUTION_PROPOSED',
      purpose: 'ANSWER_PROPOSAL',
      actions: ['confirm', 'dispute'],
      resolution: { remedy: 'REFUND', amount: 2450, message: 'Refunded to your bKash account.' },
    });
    // Opening does nothing: a link scanner's visit leaves the link working.
    expect((await request('POST', '/v1/one-tap', { code })).status).toBe(200);

    const tooShort = await request('POST', '/v1/one-tap/dispute', { code, reason: 'no' });
    expect([tooShort.status, tooShort.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    // A key the action does not take is refused, whatever it is called.
    const smuggled = await request('POST', '/v1/one-tap/confirm', { code, ['__proto__']: { status: 'CLOSED' } });
    expect([smuggled.status, smuggled.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const confirmed = await request('POST', '/v1/one-tap/confirm', { code, comment: 'Received, thank you.' });
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'SETTLED']);
    // The same tap again (an answer lost on a weak network) answers alike; anything else is refused.
    expect((await request('POST', '/v1/one-tap/confirm', { code })).body.status).toBe('SETTLED');
    const again = await request('POST', '/v1/one-tap/dispute', { code, reason: 'The refund never came.' });
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([
      422,
      'LINK_USED',
      { trackingNumber, status: 'SETTLED' },
    ]);
    const stored = await storedCase(trackingNumber);
    expect(stored.timeline.find((entry) => entry.action === 'CONFIRM')).toMatchObject({ actor: 'consumer' });

    const reopenCode = await oneTapCode(phone, trackingNumber, 2);
    expect(reopenCode).not.toBe(code);
    expect((await request('POST', '/v1/one-tap', { code: reopenCode })).body).toMatchObject({
      purpose: 'REOPEN',
      actions: ['reopen'],
    });
    const confirmWithReopen = await request('POST', '/v1/one-tap/confirm', { code: reopenCode });
    expect([confirmWithReopen.status, confirmWithReopen.body.error.code]).toEqual([422, 'ACTION_NOT_OFFERED']);
    const reopened = await request('POST', '/v1/one-tap/reopen', {
      code: reopenCode,
      reason: 'The refund was reversed by the bank.',
    });
    expect([reopened.status, reopened.body.status]).toEqual([200, 'REOPENED']);
    expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT')).toBe('AWAITING_MERCHANT');

    // A newer proposal: the first link does not answer it; its own link does.
    expect((await complaint.merchant('propose-resolution', proposal)).status).toBe(200);
    const superseded = await request('POST', '/v1/one-tap', { code });
    expect([superseded.status, superseded.body.error.code]).toEqual([422, 'LINK_USED']);
    const newest = await oneTapCode(phone, trackingNumber, 3);
    const disputed = await request('POST', '/v1/one-tap/dispute', {
      code: newest,
      reason: 'The second refund did not arrive either.',
    });
    expect([disputed.status, disputed.body.status]).toEqual([200, 'DISPUTED']);

    // Only hashes are kept (each link's item is found by its code's hash), and no function logged a code.
    const items = await Promise.all(
      [code, reopenCode, newest].map(
        async (known) =>
          (
            await localTable().send(
              new GetCommand({ TableName: localTableName, Key: keys.oneTapLink(oneTapCodeHash(known)) }),
            )
          ).Item,
      ),
    );
    expect(items.map((item) => item?.trackingNumber)).toEqual([trackingNumber, trackingNumber, trackingNumber]);
    expect(items.map((item) => item?.purpose)).toEqual(['ANSWER_PROPOSAL', 'REOPEN', 'ANSWER_PROPOSAL']);
    const logs = JSON.stringify((await request('GET', '/__local/logs')).body);
    for (const known of [code, reopenCode, newest]) {
      expect(JSON.stringify(items)).not.toContain(known);
      expect(logs).not.toContain(known);
    }
  });

  it('asks after an automatic settlement whether it was resolved: the answer and a rating by one tap, kept apart in the statistics', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    expect((await complaint.merchant('propose-resolution', proposal)).status).toBe(200);
    await oneTapCode(phone, trackingNumber, 1);
    const before = (await request('GET', '/v1/public/merchants/demo-bazaar/stats')).body;
    await advanceClock('P7DT1H');
    expect(await statusBecomes(trackingNumber, 'AUTO_SETTLED')).toBe('AUTO_SETTLED');
    const code = await oneTapCode(phone, trackingNumber, 2);
    expect((await request('POST', '/v1/one-tap', { code })).body).toMatchObject({
      purpose: 'SURVEY',
      actions: ['answer-survey'],
    });
    const answered = await request('POST', '/v1/one-tap/answer-survey', {
      code,
      resolved: true,
      score: 5,
      comment: 'The refund came after all.',
    });
    expect([answered.status, answered.body.status]).toEqual([200, 'AUTO_SETTLED']);
    const stored = await storedCase(trackingNumber);
    expect(stored.complaint).toMatchObject({ survey: { resolved: true }, rating: { score: 5 } });
    // The parties' views carry the answer, as the OpenAPI document says (every answer here is checked against it).
    const own = await request(
      'GET',
      `/v1/consumer/complaints/${trackingNumber}`,
      undefined,
      await signInVerified(phone),
    );
    expect([own.status, own.body.survey]).toEqual([200, expect.objectContaining({ resolved: true })]);
    expect(stored.timeline.at(-1)).toMatchObject({
      action: 'ANSWER_SURVEY',
      actor: 'consumer',
      details: { resolved: 'YES', score: 5 },
    });
    // Counted apart: one more automatic settlement, one more the consumer confirmed.
    const figures = (body: typeof before) => body.scorecard.complaints.afterAutomaticSettlement;
    await eventually(
      async () => (await request('GET', '/v1/public/merchants/demo-bazaar/stats')).body,
      (after) =>
        figures(after).settlements === figures(before).settlements + 1 &&
        figures(after).confirmedResolved === figures(before).confirmedResolved + 1,
      { what: 'the automatic settlement and its answer in the merchant’s scorecard', timeoutMs: 60_000 },
    );
  });

  it('answers a code that is not one 404 and a malformed request 400, the same for everyone', async () => {
    const unknown = await request('POST', '/v1/one-tap', { code: 'AAAAAAAAAAA' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await request('POST', '/v1/one-tap/confirm', { code: 'AAAAAAAAAAA' })).status).toBe(404);
    expect((await request('POST', '/v1/one-tap', { code: 5 })).status).toBe(400);
    expect((await request('POST', '/v1/one-tap', {})).status).toBe(400);
    expect((await request('POST', '/v1/one-tap/withdraw', { code: 'AAAAAAAAAAA' })).status).toBe(404);
  });
});
