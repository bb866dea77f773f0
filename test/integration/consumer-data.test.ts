/**
 * A consumer downloads what the platform keeps about them (GET /v1/consumer/data): through the
 * local cloud's own API, KMS seals and access log, so the download is what AWS would answer.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, fileComplaint, statusBecomes } from './complaints';
import { advanceClock, request, signInRecently, signInVerified, testNid } from './http';
import { seeds, signedCall } from './signed';

describe("a consumer's own data", () => {
  it('downloads their phone, identity, name, email, both parties’ notes and which regulator read the case', {
    timeout: 120_000,
  }, async () => {
    const complaint = await fileComplaint({ email: 'rahima.download@example.com', complainantName: 'Rahima Download' });
    const { trackingNumber, phone } = complaint;
    expect(
      (await complaint.merchant('propose-resolution', { remedy: 'REFUND', amount: 100, message: 'A small refund.' }))
        .status,
    ).toBe(200);
    expect((await complaint.consumer('dispute', { reason: 'One hundred taka is not what I paid.' })).status).toBe(200);
    expect(await statusBecomes(trackingNumber, 'ESCALATED')).toBe('ESCALATED');
    const regulator = seeds().regulator;
    expect((await signedCall(regulator, 'GET', `/v1/regulator/cases/${trackingNumber}`)).status).toBe(200);

    const session = await signInVerified(phone);
    const downloaded = await request('GET', '/v1/consumer/data', undefined, session);
    expect(downloaded.status).toBe(200);
    const data = downloaded.body;
    expect(data.phone).toBe(phone);
    expect(data.identity).toMatchObject({
      verified: true,
      document: 'NID',
      lastDigits: testNid.nidNumber.slice(-3),
      dateOfBirth: testNid.dateOfBirth,
    });
    expect(data.messagePreferences).toEqual({ stopNonEssential: false });
    expect(data.complaints).toHaveLength(1);
    const [mine] = data.complaints;
    expect(mine.trackingNumber).toBe(trackingNumber);
    expect(mine.complainant).toEqual({ name: 'Rahima Download', email: 'rahima.download@example.com' });
    expect(mine.timeline.map((step: { note?: string }) => step.note).filter(Boolean)).toEqual(
      expect.arrayContaining(['A small refund.', 'One hundred taka is not what I paid.']),
    );
    expect(mine.caseReads).toEqual([
      expect.objectContaining({ regulatorId: expect.any(String), at: expect.any(String) }),
    ]);
    // Never the stores' own values: no seal, no keyed hash of the document number.
    expect(JSON.stringify(data)).not.toMatch(/Sealed|numberHash|timelineHead/);
    // The answer is for this consumer only and is not kept by caches.
    expect(downloaded.headers.get('cache-control') ?? '').toMatch(/no-store/);
  });

  it('pages a consumer with many complaints, each complaint once', { timeout: 120_000 }, async () => {
    const first = await fileComplaint();
    const session = await signInVerified(first.phone);
    const more = [];
    for (let index = 0; index < 2; index++) {
      const filed = await request('POST', '/v1/complaints', complaintBody, session);
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      more.push(filed.body.trackingNumber as string);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await request(
        'GET',
        `/v1/consumer/data?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        undefined,
        session,
      );
      expect(page.status).toBe(200);
      expect(page.body.complaints.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.complaints.map((c: { trackingNumber: string }) => c.trackingNumber));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([first.trackingNumber, ...more].sort());
  });

  it('refuses a request without a session, and bad paging with a 400', async () => {
    expect((await request('GET', '/v1/consumer/data')).status).toBe(401);
    const session = await signInVerified((await fileComplaint()).phone);
    const bad = await request('GET', '/v1/consumer/data?limit=0', undefined, session);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
  });

  it('asks for a new sign-in when the session is over 10 minutes old (403), and answers once they signed in again', {
    timeout: 120_000,
  }, async () => {
    const { phone } = await fileComplaint();
    const session = await signInVerified(phone);
    await advanceClock('PT11M');
    const stale = await request('GET', '/v1/consumer/data', undefined, session);
    expect(stale.status).toBe(403);
    expect(stale.body.error.code).toBe('FRESH_SIGN_IN_REQUIRED');
    // The session itself still works elsewhere.
    expect((await request('GET', '/v1/consumer/complaints', undefined, session)).status).toBe(200);
    const again = await request('GET', '/v1/consumer/data', undefined, await signInRecently(phone));
    expect(again.status).toBe(200);
    expect(again.body.phone).toBe(phone);
  });
});
