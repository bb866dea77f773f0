/**
 * An SMS aggregator's delivery report (POST /v1/sms/delivery-reports): what became of an SMS it
 * took. The aggregator signs each report with the API key both sides hold: `x-sms-timestamp` (Unix
 * seconds) and `x-sms-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. A report more
 * than 5 minutes old or new is refused, so a captured one cannot be replayed later; one repeated
 * within that time changes nothing (the first report of a message stands). A message reported
 * undelivered is kept with its complaint as undeliverable, as an SES bounce is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Clock } from '../domain/clock';
import { InvalidRequestError, NotFoundError, ServiceUnavailableError, UnauthenticatedError } from '../domain/errors';
import type { BusinessMetrics, SentMessages, UndeliverableMessages } from '../domain/ports';
import { parseSmsReference, providerText } from '../domain/sms';

export const smsDeliveryReport = z.strictObject({
  reference: z.string().max(100).optional(),
  status: z.enum(['DELIVERED', 'FAILED']),
  reason: z.string().max(200).optional(),
});

export const smsReportSignatureHeader = 'x-sms-signature';
export const smsReportTimestampHeader = 'x-sms-timestamp';
const allowedSkewSeconds = 300;

/** The signature an aggregator puts on a report: what the stand-in and the tests sign with. */
export const signSmsReport = (apiKey: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', apiKey).update(`${timestamp}.${body}`).digest('hex')}`;

export interface SmsReportDependencies {
  /** The aggregator's API key; absent when the stage sends no SMS through an aggregator. */
  apiKey?: () => Promise<string>;
  sentMessages: SentMessages;
  undeliverable: UndeliverableMessages;
  metrics: BusinessMetrics;
  clock: Clock;
}

export interface SignedReport {
  body: string;
  timestamp?: string;
  signature?: string;
}

export const smsReportUseCase =
  (deps: SmsReportDependencies) =>
  async (report: SignedReport): Promise<{ status: 'RECORDED' | 'IGNORED' }> => {
    if (!deps.apiKey) throw new NotFoundError('This stage sends no SMS through an aggregator: it takes no reports.');
    const now = deps.clock.now();
    const sentAt = /^\d{1,12}$/.test(report.timestamp ?? '') ? Number(report.timestamp) : Number.NaN;
    if (
      report.signature === undefined ||
      !Number.isInteger(sentAt) ||
      Math.abs(now.getTime() / 1000 - sentAt) > allowedSkewSeconds
    )
      throw new UnauthenticatedError(
        `A delivery report needs ${smsReportTimestampHeader} (Unix seconds, within 5 minutes) and ${smsReportSignatureHeader}.`,
      );
    let apiKey: string;
    try {
      apiKey = await deps.apiKey();
    } catch {
      throw new ServiceUnavailableError(
        'The SMS gateway’s key cannot be read just now. Please send it again later.',
        60,
      );
    }
    const expected = Buffer.from(signSmsReport(apiKey, String(report.timestamp), report.body));
    const given = Buffer.from(report.signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new UnauthenticatedError('The delivery report’s signature does not match.');
    let json: unknown;
    try {
      json = JSON.parse(report.body);
    } catch {
      throw new InvalidRequestError('The report is not valid JSON.');
    }
    const parsed = smsDeliveryReport.safeParse(json);
    if (!parsed.success) throw new InvalidRequestError('The report is not one: { reference?, status, reason? }.');
    const message = parseSmsReference(parsed.data.reference);
    // An SMS about no complaint (a sign-in code) has nothing to keep its report with.
    if (!message) return { status: 'IGNORED' };
    const at = now.toISOString();
    const route = { audience: message.audience, channel: 'sms' } as const;
    const kept = await deps.sentMessages.reported(message.trackingNumber, message.seq, route, parsed.data.status, at);
    // The report came before the sending was recorded: the aggregator sends it again (a 503, as for any failure).
    if (kept === 'PENDING')
      throw new ServiceUnavailableError('That SMS is not recorded as sent yet. Please send the report again.', 5);
    // A failure kept before, reported again: its record is written again (it may be what failed the first time).
    const failedAgain = kept === 'FAILED' && parsed.data.status === 'FAILED';
    if (kept !== 'KEPT' && !failedAgain) return { status: 'IGNORED' };
    if (parsed.data.status === 'FAILED') {
      // The aggregator's words, on one line, a phone number masked.
      const reason = parsed.data.reason === undefined ? '' : providerText(parsed.data.reason);
      await deps.undeliverable.record({
        trackingNumber: message.trackingNumber,
        seq: message.seq,
        channel: 'sms',
        recipient: message.audience,
        reason: `The SMS gateway reported the SMS undelivered${reason ? `: ${reason}` : ''}.`,
        at,
      });
      if (failedAgain) return { status: 'IGNORED' };
      deps.metrics.count('MessagesUndeliverable');
    } else deps.metrics.count('SmsDelivered');
    return { status: 'RECORDED' };
  };
