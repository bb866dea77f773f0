/** An aggregator's delivery report: signed, timely, once per message; early ones sent again; none taken without an aggregator. */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import type { BusinessEvent, UndeliverableMessage } from '../../functions/domain/ports';
import { signSmsReport, smsReportUseCase } from '../../functions/sms/report-use-case';
import { InMemorySentMessages } from './in-memory';

const key = 'gateway-key';
const at = '2026-12-03T10:00:00.000Z';
const route = { audience: 'consumer', channel: 'sms' } as const;

/** `apiKey` null: a stage with no aggregator. */
const setUp = (apiKey: (() => Promise<string>) | null = async () => key) => {
  const sentMessages = new InMemorySentMessages();
  const undeliverable: UndeliverableMessage[] = [];
  const counted: BusinessEvent[] = [];
  const receive = smsReportUseCase({
    apiKey: apiKey ?? undefined,
    sentMessages,
    undeliverable: { record: async (message) => void undeliverable.push(message), list: async () => undeliverable },
    metrics: { count: (event) => void counted.push(event) },
    clock: fixedClock(at),
  });
  const signed = (report: Record<string, unknown>) => {
    const body = JSON.stringify(report);
    const timestamp = String(Date.parse(at) / 1000);
    return { body, timestamp, signature: signSmsReport(key, timestamp, body) };
  };
  return { sentMessages, undeliverable, counted, receive, signed };
};

describe('an SMS delivery report', () => {
  it('is signed as the README says: HMAC-SHA256 of "<timestamp>.<body>" with the API key, in hex', () => {
    // A known answer (computed apart: printf '1796313600.{}' | openssl dgst -sha256 -hmac gateway-key).
    expect(signSmsReport('gateway-key', '1796313600', '{}')).toBe(
      'sha256=538561335b846f50a7bffc24dd7b3ec49205718aa61cb0453d9df4ae6d2c2bff',
    );
  });

  it('refuses a timestamp that is not whole seconds', async () => {
    const { receive, signed } = setUp();
    const report = signed({ status: 'DELIVERED' });
    for (const timestamp of [`${report.timestamp}.0`, ` ${report.timestamp}`, '1.7e9'])
      await expect(
        receive({ ...report, timestamp, signature: signSmsReport(key, timestamp, report.body) }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('writes a failure again when the same failure is reported again (its first record may be what failed)', async () => {
    const { sentMessages, receive, signed, undeliverable, counted } = setUp();
    await sentMessages.settle('7K3M9-Q2TXB', 5, route, 'SENT');
    const failed = signed({ reference: '7K3M9-Q2TXB.5.consumer', status: 'FAILED' });
    expect(await receive(failed)).toEqual({ status: 'RECORDED' });
    undeliverable.length = 0;
    expect(await receive(failed)).toEqual({ status: 'IGNORED' });
    expect(undeliverable.map(({ seq, channel }) => [seq, channel])).toEqual([[5, 'sms']]);
    // A delivery reported after a failure changes nothing.
    expect(await receive(signed({ reference: '7K3M9-Q2TXB.5.consumer', status: 'DELIVERED' }))).toEqual({
      status: 'IGNORED',
    });
    expect(counted).toEqual(['MessagesUndeliverable']);
  });

  it('asks to be sent again (503) when it comes before the sending is recorded, and is kept once it is', async () => {
    const { sentMessages, receive, signed, counted } = setUp();
    await sentMessages.claim('7K3M9-Q2TXB', 2, route);
    const early = signed({ reference: '7K3M9-Q2TXB.2.consumer', status: 'DELIVERED' });
    await expect(receive(early)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    await sentMessages.settle('7K3M9-Q2TXB', 2, route, 'SENT');
    expect(await receive(early)).toEqual({ status: 'RECORDED' });
    expect(sentMessages.deliveries.get('7K3M9-Q2TXB/2/consumer#sms')).toBe('DELIVERED');
    expect(counted).toEqual(['SmsDelivered']);
  });

  it('is refused without an aggregator (404), and asked again later when its key cannot be read (503)', async () => {
    const report = setUp().signed({ status: 'DELIVERED' });
    await expect(setUp(null).receive(report)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setUp(() => Promise.reject(new Error('AccessDenied'))).receive(report)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('keeps a failure with its complaint, with the reason on one line', async () => {
    const { sentMessages, receive, signed, undeliverable, counted } = setUp();
    await sentMessages.settle('7K3M9-Q2TXB', 4, route, 'SENT');
    const failed = signed({ reference: '7K3M9-Q2TXB.4.consumer', status: 'FAILED', reason: 'line one\nline\u202etwo' });
    expect(await receive(failed)).toEqual({ status: 'RECORDED' });
    expect(undeliverable).toEqual([
      {
        trackingNumber: '7K3M9-Q2TXB',
        seq: 4,
        channel: 'sms',
        recipient: 'consumer',
        reason: 'The SMS gateway reported the SMS undelivered: line one line two.',
        at,
      },
    ]);
    expect(counted).toEqual(['MessagesUndeliverable']);
  });
});
