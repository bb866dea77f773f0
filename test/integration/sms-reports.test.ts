/**
 * An SMS aggregator's delivery reports (POST /v1/sms/delivery-reports), signed with its API key:
 * an SMS reported undelivered is kept with its complaint; anything unsigned, stale or mis-signed
 * is refused; a report repeated, or about no complaint's SMS, changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { signSmsReport } from '../../functions/sms/report-use-case';
import { localSmsGatewaySecret } from '../../local/sms-gateway';
import { fileComplaint, storedCase, storedUndeliverable } from './complaints';
import { eventually, outbox, request } from './http';

const path = '/v1/sms/delivery-reports';
const cloudNow = async () => Date.parse((await request('GET', '/__local/clock')).body.now as string);

/** Sends a report as the aggregator would: signed at `at` (the cloud's clock) with `key`. */
const report = async (body: Record<string, unknown>, { key = localSmsGatewaySecret.apiKey, skewSeconds = 0 } = {}) => {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor((await cloudNow()) / 1000) + skewSeconds);
  return request('POST', path, text, {
    'x-sms-timestamp': timestamp,
    'x-sms-signature': signSmsReport(key, timestamp, text),
  });
};

describe('SMS delivery reports', () => {
  it('keeps an SMS the aggregator reports undelivered with its complaint, once', async () => {
    const { trackingNumber, phone } = await fileComplaint();
    await eventually(
      () => outbox({ to: phone, channel: 'sms', mentions: trackingNumber }),
      (texts) => texts.length > 0,
    );
    // The hand-over's SMS (the filing's is folded into it).
    const filed = (await storedCase(trackingNumber)).timeline.find((entry) => entry.action === 'NOTIFY_MERCHANT')!;
    const reference = `${trackingNumber}.${filed.seq}.consumer`;
    const failed = { reference, status: 'FAILED', reason: 'handset unreachable\u0000 for 48 hours' };
    // RECORDED once the SMS is known as sent (the change consumer settles it after sending; until
    // then 503, or IGNORED).
    const first = await eventually(
      () => report(failed),
      (answer) => answer.status === 200 && answer.body.status === 'RECORDED',
    );
    expect([first.status, first.body]).toEqual([200, { status: 'RECORDED' }]);
    const kept = await storedUndeliverable(trackingNumber);
    expect(kept.map(({ channel, recipient, seq, reason }) => ({ channel, recipient, seq, reason }))).toEqual([
      {
        channel: 'sms',
        recipient: 'consumer',
        seq: filed.seq,
        reason: 'The SMS gateway reported the SMS undelivered: handset unreachable for 48 hours.',
      },
    ]);
    // The same report again, or a later one saying otherwise: the first stands.
    expect((await report(failed)).body).toEqual({ status: 'IGNORED' });
    expect((await report({ reference, status: 'DELIVERED' })).body).toEqual({ status: 'IGNORED' });
    expect(await storedUndeliverable(trackingNumber)).toHaveLength(1);
  });

  it('ignores a report about no complaint’s SMS: a sign-in code, an entry never texted, a made-up reference', async () => {
    for (const body of [
      { status: 'DELIVERED' },
      { reference: '7K3M9-Q2TXB.999.consumer', status: 'FAILED' },
      { reference: 'not-a-reference', status: 'FAILED' },
    ])
      expect((await report(body)).body).toEqual({ status: 'IGNORED' });
  });

  it('refuses a report that is unsigned, signed with another key, stale or from the future, and one that is not a report', async () => {
    const body = JSON.stringify({ status: 'DELIVERED' });
    const unsigned = await request('POST', path, body);
    expect([unsigned.status, unsigned.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    for (const options of [{ key: 'another-key' }, { skewSeconds: -301 }, { skewSeconds: 301 }]) {
      const refused = await report({ status: 'DELIVERED' }, options);
      expect([refused.status, refused.body.error.code], JSON.stringify(options)).toEqual([401, 'UNAUTHENTICATED']);
    }
    const odd = await report({ status: 'READ', extra: 1 });
    expect([odd.status, odd.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
  });
});
