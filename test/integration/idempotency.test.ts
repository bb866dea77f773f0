/**
 * Idempotency-Key over HTTP: a retried POST answers the first response without acting again, the
 * same key with a different request is 422, one caller's key never answers another's request,
 * and requests without a key run as before.
 */
import { describe, expect, it } from 'vitest';
import { complaintBody, fileComplaint, publicView } from './complaints';
import { freshPhone, request, signInVerified } from './http';
import { seeds, signedCall } from './signed';

const consumerComplaints = async (session: Record<string, string>) =>
  (await request('GET', '/v1/consumer/complaints?limit=100', undefined, session)).body.complaints as unknown[];

describe('Idempotency-Key', () => {
  it('makes a retried filing return the same response, filing once', async () => {
    const session = await signInVerified(freshPhone());
    const key = { 'idempotency-key': crypto.randomUUID() };
    const body = { ...complaintBody };
    const first = await request('POST', '/v1/complaints', body, { ...session, ...key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retried = await request('POST', '/v1/complaints', body, { ...session, ...key });
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await consumerComplaints(session)).toHaveLength(1);
  });

  it('refuses the same key with a different body (422), and files nothing more', async () => {
    const session = await signInVerified(freshPhone());
    const key = { 'idempotency-key': crypto.randomUUID() };
    expect((await request('POST', '/v1/complaints', { ...complaintBody }, { ...session, ...key })).status).toBe(201);
    const reused = await request('POST', '/v1/complaints', { ...complaintBody }, { ...session, ...key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await consumerComplaints(session)).toHaveLength(1);
  });

  it('answers a retry that serialises the same JSON another way (key order, spacing) as a retry, not a new request', async () => {
    const session = await signInVerified(freshPhone());
    const key = { 'idempotency-key': crypto.randomUUID() };
    const body = { ...complaintBody };
    const first = await request('POST', '/v1/complaints', JSON.stringify(body), { ...session, ...key });
    expect(first.status).toBe(201);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
    const retried = await request('POST', '/v1/complaints', reordered, { ...session, ...key });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(first.body);
    expect(await consumerComplaints(session)).toHaveLength(1);
  });

  it("keeps each caller's keys apart: another consumer's request with the same key is their own", async () => {
    const key = { 'idempotency-key': crypto.randomUUID() };
    const body = { ...complaintBody };
    const mine = await request('POST', '/v1/complaints', body, { ...(await signInVerified(freshPhone())), ...key });
    const theirs = await request(
      'POST',
      '/v1/complaints',
      { ...body, orderRef: `${body.orderRef}-B` },
      { ...(await signInVerified(freshPhone())), ...key },
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.trackingNumber).not.toBe(mine.body.trackingNumber);
  });

  it('answers concurrent retries once: one filing, every answer the same or "still in progress"', async () => {
    const session = await signInVerified(freshPhone());
    const key = { 'idempotency-key': crypto.randomUUID() };
    const body = { ...complaintBody };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request('POST', '/v1/complaints', body, { ...session, ...key })),
    );
    const filed = answers.filter((a) => a.status === 201);
    expect(filed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(filed.map((a) => a.body.trackingNumber)).size).toBe(1);
    for (const other of answers.filter((a) => a.status !== 201)) {
      expect([other.status, other.body.error.code, other.headers.get('retry-after')]).toEqual([
        409,
        'REQUEST_IN_PROGRESS',
        '1',
      ]);
    }
    expect(await consumerComplaints(session)).toHaveLength(1);
  });

  it("makes a merchant's and a consumer's retried action act once", async () => {
    const { trackingNumber, phone } = await fileComplaint();
    const merchantKey = { 'idempotency-key': crypto.randomUUID() };
    const reply = { message: 'We are checking with the courier.' };
    const merchant = seeds().merchants['demo-bazaar']!;
    const first = await signedCall(merchant, 'POST', `/v1/merchant/complaints/${trackingNumber}/reply`, reply, {
      headers: merchantKey,
    });
    const retried = await signedCall(merchant, 'POST', `/v1/merchant/complaints/${trackingNumber}/reply`, reply, {
      headers: merchantKey,
    });
    expect([first.status, retried.status]).toEqual([200, 200]);
    expect(retried.body).toEqual(first.body);

    const session = await signInVerified(phone);
    const consumerKey = { 'idempotency-key': crypto.randomUUID() };
    const withdraw = { reason: 'Resolved with the shop directly.' };
    const withdrawn = await request('POST', `/v1/consumer/complaints/${trackingNumber}/withdraw`, withdraw, {
      ...session,
      ...consumerKey,
    });
    const again = await request('POST', `/v1/consumer/complaints/${trackingNumber}/withdraw`, withdraw, {
      ...session,
      ...consumerKey,
    });
    expect([withdrawn.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Without the key, the second withdrawal is judged afresh, and refused.
    expect(
      (await request('POST', `/v1/consumer/complaints/${trackingNumber}/withdraw`, withdraw, session)).status,
    ).toBe(409);
    const actions = (await publicView(trackingNumber)).timeline.map((entry: { action: string }) => entry.action);
    expect(actions.filter((action: string) => action === 'REPLY')).toHaveLength(1);
    expect(actions.filter((action: string) => action === 'WITHDRAW')).toHaveLength(1);
  });

  it('refuses a key that is too short or not visible ASCII (400)', async () => {
    const session = await signInVerified(freshPhone());
    const refused = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody },
      { ...session, 'idempotency-key': 'short' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ 'Idempotency-Key': 'invalid' });
  });
});
