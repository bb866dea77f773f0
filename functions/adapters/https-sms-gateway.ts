/**
 * An SMS aggregator's HTTPS API (Bangladesh's aggregators sell SMS this way, with a sender id
 * registered with the operators). The protocol, which the local cloud's stand-in speaks
 * (local/sms-gateway.ts):
 *
 * - `POST <url>` with `authorization: Bearer <api key>` and a JSON body
 *   `{ to, from, text, encoding, reference? }`: `to` in E.164 (`+8801…`), `from` the sender id,
 *   `encoding` `GSM7` or `UCS2` (functions/domain/sms.ts), `reference` what names the message in
 *   its delivery report (functions/sms/report-use-case.ts).
 * - A 2xx answer `{ status: "ACCEPTED", messageId }` took the message.
 * - A 2xx answer `{ status: "REJECTED", reason }`, or a 400 or 422, refuses it for good (a number
 *   that cannot be texted, one on the do-not-disturb list): UndeliverableError.
 * - Anything else may pass later: 401 or 403 (credentials), 429 and no connection took nothing, so
 *   the next provider is tried; a 5xx, no answer in 5 seconds or an answer we cannot read may have
 *   taken it, so it is tried again later, through the same providers, and not through another now.
 */
import { providerText, smsEncodingOf } from '../domain/sms';
import { UndeliverableError, type SmsSender } from '../domain/ports';

export interface SmsGatewaySettings {
  url: string;
  /** The sender id registered with the operators. */
  senderId: string;
  /** Asked for on each send; in AWS it comes from Secrets Manager through Powertools' cache. */
  apiKey: () => Promise<string>;
}

/**
 * The gateway could not take the message now: a later retry may. When it may have taken it all the
 * same (no answer in time, a 5xx, an answer we cannot read), `maybeSent`: no other provider is
 * tried, so the person is not texted twice.
 */
export class SmsGatewayUnavailableError extends Error {
  constructor(
    message: string,
    readonly maybeSent: boolean,
  ) {
    super(message);
  }
}

export class HttpsSmsGateway implements SmsSender {
  constructor(
    private readonly settings: SmsGatewaySettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(phone: string, text: string, reference?: string): Promise<void> {
    let apiKey: string;
    try {
      apiKey = await this.settings.apiKey();
    } catch {
      throw new SmsGatewayUnavailableError('The SMS gateway’s API key could not be read', false);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({
          to: phone,
          from: this.settings.senderId,
          text,
          encoding: smsEncodingOf(text),
          ...(reference !== undefined && { reference }),
        }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      // Refused before anything was sent (no connection), or sent and not answered in time.
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new SmsGatewayUnavailableError('The SMS gateway did not answer', timedOut);
    }
    if (response.status === 400 || response.status === 422)
      throw new UndeliverableError(`The SMS gateway refused the SMS (HTTP ${response.status})`);
    if (!response.ok)
      throw new SmsGatewayUnavailableError(
        `The SMS gateway answered HTTP ${response.status}`,
        // Bad credentials and throttling take nothing; a server error may have.
        response.status >= 500,
      );
    let answer: { status?: unknown; reason?: unknown } | null;
    try {
      answer = (await response.json()) as { status?: unknown; reason?: unknown } | null;
    } catch {
      answer = null;
    }
    if (answer?.status === 'ACCEPTED') return;
    if (answer?.status === 'REJECTED')
      throw new UndeliverableError(
        `The SMS gateway refused the SMS: ${typeof answer.reason === 'string' ? providerText(answer.reason) : 'no reason given'}`,
      );
    throw new SmsGatewayUnavailableError('The SMS gateway gave an answer we could not read', true);
  }
}
