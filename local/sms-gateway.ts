/**
 * A stand-in for a Bangladeshi SMS aggregator: an HTTP server that speaks the protocol of
 * functions/adapters/https-sms-gateway.ts, with faults, and records each SMS it takes in the
 * outbox (channel `sms`, attribute `provider: gateway`). It also answers Secrets Manager's
 * GetSecretValue for the one secret that holds its API key, so the functions read the key as in AWS
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSmsReport, smsReportSignatureHeader, smsReportTimestampHeader } from '../functions/sms/report-use-case';
import type { Faults } from './faults';
import type { Outbox } from './outbox';

/** The secret the local stage names as the aggregator's key, and the key it holds. */
export const localSmsGatewaySecret = { name: 'ccms-local/sms-gateway-key', apiKey: 'local-sms-gateway-key' };
export const localSmsSenderId = 'CCMS';
const sendPath = '/send';

const bodyOf = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export class LocalSmsGateway {
  private server?: Server;
  private reportUrl?: string;

  constructor(
    private readonly outbox: Outbox,
    private readonly faults?: Faults,
    /** The local cloud's clock: reports are signed with its time, as the functions read it. */
    private readonly now: () => Date = () => new Date(),
    /** Work the local cloud waits for before it moves its clock (a report on its way). */
    private readonly track: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
  ) {}

  /** Where the stand-in sends its delivery reports (the API's POST /v1/sms/delivery-reports). */
  reportTo(url: string) {
    this.reportUrl = url;
  }

  /**
   * Reports what became of an SMS with a reference, signed as an aggregator signs: delivered, or
   * failed when the fault smsGateway.undelivered trips. A 503 (the sending not yet recorded) is
   * sent again, as aggregators do, up to 10 times a second apart.
   */
  private async report(reference: string, subject: string) {
    if (!this.reportUrl) return;
    const failed = this.faults?.trip('smsGateway.undelivered', subject) === true;
    const body = JSON.stringify({
      reference,
      status: failed ? 'FAILED' : 'DELIVERED',
      ...(failed && { reason: 'injected fault: the handset did not answer for 48 hours' }),
    });
    for (let attempt = 1; attempt <= 10; attempt++) {
      const timestamp = String(Math.floor(this.now().getTime() / 1000));
      const response = await fetch(this.reportUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [smsReportTimestampHeader]: timestamp,
          [smsReportSignatureHeader]: signSmsReport(localSmsGatewaySecret.apiKey, timestamp, body),
        },
        body,
      }).catch(() => undefined);
      await response?.arrayBuffer().catch(() => undefined);
      if (response && response.status !== 503) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** Starts listening; answers the endpoint (its `/send` is the SMS API, its root Secrets Manager). */
  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const reply = (status: number, body: unknown, type = 'application/json') => {
        response.writeHead(status, { 'content-type': type });
        response.end(JSON.stringify(body));
      };
      bodyOf(request)
        .then((text) => {
          if (request.headers['x-amz-target'] === 'secretsmanager.GetSecretValue') {
            const { SecretId } = JSON.parse(text) as { SecretId?: string };
            if (SecretId !== localSmsGatewaySecret.name)
              return reply(
                400,
                { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` },
                'application/x-amz-json-1.1',
              );
            return reply(
              200,
              { Name: SecretId, SecretString: localSmsGatewaySecret.apiKey, VersionId: 'local' },
              'application/x-amz-json-1.1',
            );
          }
          if (request.method !== 'POST' || request.url !== sendPath)
            return reply(404, { error: `The stand-in SMS gateway takes POST ${sendPath} only` });
          if (request.headers.authorization !== `Bearer ${localSmsGatewaySecret.apiKey}`)
            return reply(401, { error: 'unknown API key' });
          let sms: { to?: unknown; from?: unknown; text?: unknown; encoding?: unknown; reference?: unknown };
          try {
            sms = JSON.parse(text) as typeof sms;
          } catch {
            return reply(400, { error: 'the body is not JSON' });
          }
          if (
            typeof sms.to !== 'string' ||
            !/^\+880\d{10}$/.test(sms.to) ||
            typeof sms.text !== 'string' ||
            sms.from !== localSmsSenderId ||
            !['GSM7', 'UCS2'].includes(String(sms.encoding))
          )
            return reply(422, {
              error: 'to must be a Bangladeshi number, from the registered sender id, text and encoding given',
            });
          const subject = `${sms.to} ${sms.text}`;
          // 429: it took nothing, so the next provider may be tried (a 5xx may have taken it).
          if (this.faults?.trip('smsGateway.unavailable', subject)) return reply(429, { error: 'injected fault' });
          if (this.faults?.trip('smsGateway.rejected', subject))
            return reply(200, { status: 'REJECTED', reason: 'injected fault: number on the do-not-disturb list' });
          this.outbox.record({ channel: 'sms', to: sms.to, body: sms.text, attributes: { provider: 'gateway' } });
          reply(200, { status: 'ACCEPTED', messageId: randomUUID() });
          if (typeof sms.reference === 'string') {
            const reference = sms.reference;
            void this.track(() => this.report(reference, subject)).catch(() => undefined);
          }
          return;
        })
        .catch(() => reply(500, { error: 'the stand-in failed' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export const localSmsGatewaySendUrl = (endpoint: string) => `${endpoint}${sendPath}`;
