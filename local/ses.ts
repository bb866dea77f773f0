/**
 * Amazon SES (API v2) on this machine: SendEmail over SES's REST-JSON protocol, so the functions'
 * unchanged SESv2 client sends here (AWS_ENDPOINT_URL_SESV2). Every email is recorded in the outbox.
 * SES accepts mail for any address and reports a bounce or complaint later, through the
 * configuration set's event destination; here a dev fault (`ses.bounce` or `ses.complaint`,
 * targeted at an address) makes the same event reach the same consumer, shortly after the send.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Faults } from './faults';
import type { Outbox } from './outbox';

interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } } };
  ConfigurationSetName?: string;
  EmailTags?: { Name: string; Value: string }[];
}

/** An SES event-publishing record, as the configuration set's event destination sends it. */
export type SesEventRecord = Record<string, unknown>;

const sendPath = '/v2/email/outbound-emails';

export class LocalSes {
  private server?: Server;

  constructor(
    private readonly outbox: Outbox,
    private readonly faults: Faults,
    /** The event destination: receives bounce and complaint events. */
    private readonly publishEvent: (event: SesEventRecord) => void,
  ) {}

  /** Records the email and returns its message id, or an SES error name and message. */
  send(request: SendEmailRequest): { messageId: string } | { error: string; message: string; status?: number } {
    const to = request.Destination?.ToAddresses ?? [];
    const simple = request.Content?.Simple;
    if (
      !request.FromEmailAddress ||
      to.length === 0 ||
      !simple?.Subject?.Data ||
      !(simple.Body?.Text?.Data ?? simple.Body?.Html?.Data)
    ) {
      return {
        error: 'BadRequestException',
        message: 'FromEmailAddress, Destination.ToAddresses and Content.Simple (Subject, Body) are required.',
      };
    }
    // SES throttles a sending account past its rate: the SDK retries, then the caller must.
    if (to.some((address) => this.faults.trip('ses.unavailable', address)))
      return {
        error: 'TooManyRequestsException',
        message: 'Too many requests (local fault ses.unavailable).',
        status: 429,
      };
    const messageId = randomUUID();
    const tags = Object.fromEntries((request.EmailTags ?? []).map((tag) => [tag.Name, tag.Value]));
    for (const address of to) {
      this.outbox.record({
        channel: 'email',
        to: address,
        subject: simple.Subject.Data,
        body: simple.Body?.Text?.Data ?? simple.Body?.Html?.Data,
        attributes: { from: request.FromEmailAddress, configurationSet: request.ConfigurationSetName ?? '', ...tags },
      });
    }
    const mail = {
      timestamp: new Date().toISOString(),
      source: request.FromEmailAddress,
      messageId,
      destination: to,
      tags: {
        'ses:configuration-set': [request.ConfigurationSetName ?? ''],
        ...Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]])),
      },
    };
    for (const address of to) {
      if (this.faults.trip('ses.bounce', address)) {
        this.publishEvent({
          eventType: 'Bounce',
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: address,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown (local fault ses.bounce)',
              },
            ],
            timestamp: new Date().toISOString(),
            feedbackId: randomUUID(),
          },
          mail,
        });
      }
      if (this.faults.trip('ses.complaint', address)) {
        this.publishEvent({
          eventType: 'Complaint',
          complaint: {
            complainedRecipients: [{ emailAddress: address }],
            timestamp: new Date().toISOString(),
            feedbackId: randomUUID(),
            complaintFeedbackType: 'abuse',
          },
          mail,
        });
      }
    }
    return { messageId };
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const reply = (status: number, body: unknown, errorType?: string) => {
          response.writeHead(status, {
            'content-type': 'application/json',
            ...(errorType && { 'x-amzn-errortype': errorType }),
          });
          response.end(JSON.stringify(body));
        };
        if (request.method !== 'POST' || request.url?.split('?')[0] !== sendPath) {
          return reply(
            404,
            { message: `The local SES supports SendEmail (POST ${sendPath}) only.` },
            'NotFoundException',
          );
        }
        let parsed: SendEmailRequest;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendEmailRequest;
        } catch {
          return reply(400, { message: 'The request body is not JSON.' }, 'BadRequestException');
        }
        const sent = this.send(parsed);
        if ('error' in sent) return reply(sent.status ?? 400, { message: sent.message }, sent.error);
        return reply(200, { MessageId: sent.messageId });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close() {
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
