/**
 * Signed webhooks, end to end: a merchant registers a receiver (here, a server in this test on
 * loopback), events arrive signed over timestamp and body, a failing receiver is retried with
 * backoff, and every attempt is in the delivery log.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedKey } from '../../local/seed';
import { advanceClock, eventually, freshPhone, outbox, request, signInVerified } from './http';
import { onboardMerchant, complaintBody, statusBecomes } from './complaints';
import { signedCall } from './signed';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
const received: Received[] = [];
let failNext = 0;
let redirectNext = 0;
let receiver: Server;
let receiverUrl: string;
let merchantId: string;
let merchantKey: SeedKey;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
      if (redirectNext > 0) {
        redirectNext--;
        res
          .writeHead(307, { location: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/redirected` })
          .end();
      } else if (failNext > 0) {
        failNext--;
        res.writeHead(500).end('busy');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ccms-events`;
  ({ merchantId, merchantKey } = await onboardMerchant('hooked'));
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

const fileAgainstHookedShop = async () => {
  const filed = await request(
    'POST',
    '/v1/complaints',
    { ...complaintBody, merchantId },
    await signInVerified(freshPhone()),
  );
  expect(filed.status).toBe(201);
  return filed.body.trackingNumber as string;
};

describe('merchant webhooks', () => {
  let secret: string;

  it('registers an https URL (http only to loopback, locally) and shows the secret once', async () => {
    const refused = await signedCall(merchantKey, 'PUT', '/v1/merchant/webhook', { url: 'http://hooks.example/ccms' });
    expect(refused.status).toBe(400);
    const registered = await signedCall(merchantKey, 'PUT', '/v1/merchant/webhook', { url: receiverUrl });
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      url: receiverUrl,
      secret: expect.stringMatching(/^[\w-]{43}$/),
      note: expect.stringMatching(/shown once/),
    });
    secret = registered.body.secret;
  });

  it('posts each event signed over timestamp and body, which the merchant can verify', async () => {
    const trackingNumber = await fileAgainstHookedShop();
    const delivery = await eventually(
      async () => received.find((r) => r.body.includes(trackingNumber)),
      (found) => found !== undefined,
    );
    expect(delivery).toBeDefined();
    const { headers, body } = delivery!;
    expect(headers['x-ccms-event']).toBe('complaint.awaiting-merchant');
    const expected = `v1=${createHmac('sha256', secret).update(`${headers['x-ccms-timestamp']}.${body}`).digest('hex')}`;
    expect(headers['x-ccms-signature']).toBe(expected);
    expect(JSON.parse(body)).toMatchObject({
      event: 'complaint.awaiting-merchant',
      trackingNumber,
      data: { merchantId },
    });
    const inOutbox = (await outbox({ channel: 'webhook', mentions: trackingNumber })).filter(
      (m) => m.body.trackingNumber === trackingNumber,
    );
    expect(inOutbox.map((m) => [m.to, m.subject])).toEqual([[merchantId, 'complaint.awaiting-merchant']]);
  });

  it("posts complaint.message when the consumer writes, naming the entry and never the consumer's words", async () => {
    const phone = freshPhone();
    const filed = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, merchantId },
      await signInVerified(phone),
    );
    const trackingNumber = filed.body.trackingNumber as string;
    await statusBecomes(trackingNumber, 'AWAITING_MERCHANT');
    const wrote = await request(
      'POST',
      `/v1/consumer/complaints/${trackingNumber}/message`,
      { message: 'Call me on 01711000222 about the refund.' },
      await signInVerified(phone),
    );
    expect(wrote.status).toBe(200);
    const delivery = await eventually(
      async () =>
        received.find((r) => r.body.includes(trackingNumber) && r.headers['x-ccms-event'] === 'complaint.message'),
      (found) => found !== undefined,
      { what: 'the complaint.message webhook' },
    );
    const { data } = JSON.parse(delivery!.body);
    expect(data).toMatchObject({ type: 'complaint.message', trackingNumber, merchantId, seq: expect.any(Number) });
    expect(delivery!.body).not.toContain('01711000222');
    // The seq names the entry the merchant reads on the complaint.
    const theCase = await signedCall(merchantKey, 'GET', `/v1/merchant/complaints/${trackingNumber}`);
    expect(theCase.body.timeline.find((step: { seq: number }) => step.seq === data.seq)).toMatchObject({
      action: 'WRITE_TO_MERCHANT',
      note: 'Call me on 01711000222 about the refund.',
    });
  });

  it('retries a failing receiver with backoff and logs every attempt', async () => {
    failNext = 2;
    const trackingNumber = await fileAgainstHookedShop();
    // The first attempt fails at once; the retries wait 30 s, then about a minute (with jitter).
    await eventually(
      async () => received.filter((r) => r.body.includes(trackingNumber)).length,
      (n) => n >= 1,
    );
    await advanceClock('PT5M');
    const log = await eventually(
      async () =>
        (
          (await signedCall(merchantKey, 'GET', '/v1/merchant/webhook/deliveries')).body.deliveries as {
            trackingNumber: string;
            status: string;
            attempts: { outcome: string; status?: number }[];
          }[]
        ).find((d) => d.trackingNumber === trackingNumber),
      (entry) => entry?.status === 'DELIVERED',
    );
    expect(log?.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['FAILED', 500],
      ['FAILED', 500],
      ['DELIVERED', 204],
    ]);
  });

  it('does not follow a redirect: a 307 is a failed attempt, and the redirect target is never called', async () => {
    redirectNext = 1;
    const trackingNumber = await fileAgainstHookedShop();
    const log = await eventually(
      async () =>
        (
          (await signedCall(merchantKey, 'GET', '/v1/merchant/webhook/deliveries')).body.deliveries as {
            trackingNumber: string;
            attempts: { outcome: string; status?: number }[];
          }[]
        ).find((d) => d.trackingNumber === trackingNumber),
      (entry) => (entry?.attempts.length ?? 0) >= 1,
    );
    expect(log?.attempts[0]).toMatchObject({ outcome: 'FAILED', status: 307 });
    expect(received.filter((r) => r.path === '/redirected')).toEqual([]);
  });

  it('refuses to register a host that resolves to a private address other than loopback', async () => {
    for (const url of ['https://10.0.0.7/ccms', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/ccms']) {
      const refused = await signedCall(merchantKey, 'PUT', '/v1/merchant/webhook', { url });
      expect(refused.status, url).toBe(422);
      expect(refused.body.error.code).toBe('WEBHOOK_ADDRESS_REFUSED');
    }
  });
});
