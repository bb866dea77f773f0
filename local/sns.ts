/**
 * An in-process SNS: topics, subscriptions with filter policies, and every publish recorded in the
 * outbox. It answers the SNS Query protocol on its own port, so the functions' unchanged SNS
 * client publishes to it (AWS_ENDPOINT_URL_SNS), and the workflow's sns:publish tasks call it directly.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesFilterPolicy, type FilterPolicy } from './filter-policy';
import type { Faults } from './faults';
import type { Outbox } from './outbox';

export interface SnsMessage {
  topicArn: string;
  message: string;
  attributes: Record<string, string>;
}

interface Subscription {
  topicArn: string;
  filterPolicy?: FilterPolicy;
  deliver: (message: SnsMessage) => Promise<void>;
}

const topicName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

export class LocalSns {
  private readonly subscriptions: Subscription[] = [];
  private server?: Server;

  constructor(
    private readonly topicArns: readonly string[],
    private readonly outbox: Outbox,
    private readonly track: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly faults?: Faults,
  ) {}

  subscribe(subscription: Subscription) {
    this.subscriptions.push(subscription);
  }

  async publish(message: SnsMessage): Promise<string> {
    if (!this.topicArns.includes(message.topicArn)) throw new TopicNotFound(message.topicArn);
    const messageId = randomUUID();
    let body: unknown = message.message;
    try {
      body = JSON.parse(message.message);
    } catch {
      // a plain-text message is recorded as it is
    }
    this.outbox.record({ channel: 'sns', to: topicName(message.topicArn), body, attributes: message.attributes });
    const matching = this.subscriptions.filter(
      (s) => s.topicArn === message.topicArn && matchesFilterPolicy(s.filterPolicy, message.attributes),
    );
    // Deliveries are asynchronous, as in SNS; the clock waits for them before firing more timers.
    for (const subscription of matching) void this.track(() => subscription.deliver(message));
    return messageId;
  }

  /** SNS direct publish to a phone number: an SMS, recorded in the outbox. */
  async sendSms(phoneNumber: string, text: string): Promise<string> {
    this.outbox.record({ channel: 'sms', to: phoneNumber, body: text });
    return randomUUID();
  }

  /**
   * An armed fault for this publish: 503 (SNS cannot take it now) or 400 (SNS refuses it for good).
   * The subject is the publish itself (phone, topic, message), not the parties of the complaints it
   * names: a fault for a consumer's phone hits the SMS to that phone, not the merchant's notice.
   */
  private async injectedFault(subject: string): Promise<{ status: number; xml: string } | undefined> {
    if (this.faults?.trip('sns.Publish', subject))
      return { status: 503, xml: errorXml('ServiceUnavailable', 'injected fault at sns.Publish', 'Receiver') };
    if (this.faults?.trip('sns.PublishRejected', subject)) {
      return {
        status: 400,
        xml: errorXml(
          'InvalidParameter',
          'Invalid parameter: PhoneNumber Reason: injected fault at sns.PublishRejected',
        ),
      };
    }
    return undefined;
  }

  private publishNow(form: URLSearchParams, phoneNumber: string | null, reply: (status: number, xml: string) => void) {
    const published = phoneNumber
      ? this.sendSms(phoneNumber, form.get('Message') ?? '')
      : this.publish({
          topicArn: form.get('TopicArn') ?? '',
          message: form.get('Message') ?? '',
          attributes: attributesOf(form),
        });
    published
      .then((messageId) =>
        reply(
          200,
          `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
        ),
      )
      .catch((error: Error) =>
        error instanceof TopicNotFound
          ? reply(404, errorXml('NotFound', error.message))
          : reply(500, errorXml('InternalError', error.message, 'Receiver')),
      );
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const reply = (status: number, xml: string) => {
          response.writeHead(status, { 'content-type': 'text/xml' });
          response.end(xml);
        };
        if (form.get('Action') !== 'Publish') {
          return reply(
            400,
            errorXml('InvalidAction', `The local SNS supports Publish only, not ${form.get('Action')}.`),
          );
        }
        const phoneNumber = form.get('PhoneNumber');
        const subject = [phoneNumber, form.get('TopicArn'), form.get('Message')].join(' ');
        void this.injectedFault(subject).then((fault) => {
          if (fault) return reply(fault.status, fault.xml);
          return this.publishNow(form, phoneNumber, reply);
        });
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

export class TopicNotFound extends Error {
  constructor(topicArn: string) {
    super(`Topic does not exist: ${topicArn}`);
  }
}

/** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue */
const attributesOf = (form: URLSearchParams): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] =
      form.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
};

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const errorXml = (code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender') =>
  `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
