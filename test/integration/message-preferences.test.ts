/**
 * A consumer stops the news that can wait (GET and PUT /v1/consumer/message-preferences): the
 * merchant's acknowledgement is then not texted, the proposal (which they must answer) still is.
 */
import { describe, expect, it } from 'vitest';
import { complaintTexts, fileComplaint } from './complaints';
import { eventually, request, signInRecently, signInVerified } from './http';

describe('message preferences', () => {
  it('stops the news that can wait, by SMS, and never what the consumer must act on', async () => {
    const complaint = await fileComplaint();
    const { trackingNumber, phone } = complaint;
    const session = await signInVerified(phone);
    expect((await request('GET', '/v1/consumer/message-preferences', undefined, session)).body).toEqual({
      stopNonEssential: false,
    });
    const bad = await request('PUT', '/v1/consumer/message-preferences', { stopNonEssential: 'yes' }, session);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    const set = await request('PUT', '/v1/consumer/message-preferences', { stopNonEssential: true }, session);
    expect([set.status, set.body]).toEqual([200, { stopNonEssential: true }]);
    expect((await request('GET', '/v1/consumer/message-preferences', undefined, session)).body).toEqual({
      stopNonEssential: true,
    });
    // The hand-over's SMS is sent after the status moves: wait for it before counting from here.
    const textsBefore = (
      await eventually(
        () => complaintTexts(phone, trackingNumber),
        (found) => found.length >= 1,
        { what: 'the hand-over’s SMS' },
      )
    ).length;

    expect((await complaint.merchant('acknowledge')).status).toBe(200);
    expect(
      (await complaint.merchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.', evidence: [] })).status,
    ).toBe(200);
    // A complaint's changes are handled in order: once the proposal is texted, the acknowledgement was handled.
    const texts = await eventually(
      async () => (await complaintTexts(phone, trackingNumber)).map((m) => String(m.body)),
      (found) => found.some((text) => text.includes('/t#')),
      { what: 'the proposal’s SMS' },
    );
    expect(texts.slice(textsBefore)).toEqual([expect.stringMatching(/^প্রস্তাব এসেছে/)]);

    // Another consumer's preference is their own.
    const other = await signInVerified((await fileComplaint()).phone);
    expect((await request('GET', '/v1/consumer/message-preferences', undefined, other)).body).toEqual({
      stopNonEssential: false,
    });
    // The choice is kept about them, so it is in the download of their data.
    const download = await request('GET', '/v1/consumer/data', undefined, await signInRecently(phone));
    expect([download.status, download.body.messagePreferences]).toEqual([200, { stopNonEssential: true }]);
  });
});
