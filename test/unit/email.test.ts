/** Email through SES: suppressed addresses, refusals, and what SES's bounce and complaint events do. */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesEmailSender, UnconfiguredEmailSender } from '../../functions/adapters/ses-email';
import {
  UndeliverableError,
  type EmailSuppressions,
  type UndeliverableMessage,
  type UndeliverableMessages,
} from '../../functions/domain/ports';
import { emailEventUseCase, sesEvent, type SesEvent } from '../../functions/email/use-cases';
import { CountingMetrics } from './in-memory';

class InMemorySuppressions implements EmailSuppressions {
  readonly suppressed = new Map<string, string>();
  async isSuppressed(address: string) {
    return this.suppressed.has(address.toLowerCase());
  }
  async suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT') {
    this.suppressed.set(address.toLowerCase(), reason);
  }
}
class InMemoryUndeliverable implements UndeliverableMessages {
  readonly kept: UndeliverableMessage[] = [];
  async record(message: UndeliverableMessage) {
    this.kept.push(message);
  }
  async list(trackingNumber: string) {
    return this.kept.filter((message) => message.trackingNumber === trackingNumber);
  }
}

const ses = mockClient(SESv2Client);
const email = {
  to: 'rahima@example.com',
  subject: 'অভিযোগ গৃহীত',
  body: 'আপনার অভিযোগ গৃহীত হয়েছে।',
  audience: 'consumer' as const,
  about: { trackingNumber: 'ABCDE-FGHJ0', seq: 2 },
};

describe('SES email sender', () => {
  let suppressions: InMemorySuppressions;
  let sender: SesEmailSender;
  beforeEach(() => {
    ses.reset();
    suppressions = new InMemorySuppressions();
    sender = new SesEmailSender(
      new SESv2Client({ region: 'ap-south-1', maxAttempts: 1 }),
      'no-reply@ccms.example',
      'ccms-test',
      suppressions,
    );
  });

  it('sends nothing to a suppressed address, and says so', async () => {
    await suppressions.suppress('Rahima@Example.com', 'BOUNCE');
    await expect(sender.send(email)).rejects.toThrow(UndeliverableError);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('turns a refusal for good into UndeliverableError and lets a throttle be retried', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }));
    await expect(sender.send(email)).rejects.toThrow(UndeliverableError);
    ses.reset();
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }));
    const retried = await sender.send(email).catch((error: Error) => error);
    expect(retried).toBeInstanceOf(Error);
    expect(retried).not.toBeInstanceOf(UndeliverableError);
  });

  it('keeps every email as undeliverable where no sending domain is configured', async () => {
    await expect(new UnconfiguredEmailSender().send()).rejects.toThrow(/not configured.*emailDomain/);
  });
});

const event = (overrides: Partial<SesEvent>): SesEvent =>
  sesEvent.parse({
    eventType: 'Bounce',
    mail: {
      timestamp: '2026-11-23T10:00:00.000Z',
      tags: { trackingNumber: ['ABCDE-FGHJ0'], seq: ['2'], audience: ['consumer'] },
    },
    ...overrides,
  });

describe('SES bounce and complaint events', () => {
  let suppressions: InMemorySuppressions;
  let undeliverable: InMemoryUndeliverable;
  let metrics: CountingMetrics;
  let apply: ReturnType<typeof emailEventUseCase>;
  beforeEach(() => {
    suppressions = new InMemorySuppressions();
    undeliverable = new InMemoryUndeliverable();
    metrics = new CountingMetrics();
    apply = emailEventUseCase({ suppressions, undeliverable, metrics });
  });

  it('suppresses an address that bounced for good and keeps the failure with its complaint', async () => {
    const bounced = event({
      bounce: {
        bounceType: 'Permanent',
        timestamp: '2026-11-23T10:00:05.000Z',
        bouncedRecipients: [{ emailAddress: 'rahima@example.com', status: '5.1.1' }],
      },
    });
    expect(await apply(bounced)).toBe('suppressed');
    expect(await suppressions.isSuppressed('rahima@example.com')).toBe(true);
    expect(undeliverable.kept).toEqual([
      {
        trackingNumber: 'ABCDE-FGHJ0',
        seq: 2,
        channel: 'email',
        recipient: 'consumer',
        reason: expect.stringContaining('5.1.1'),
        at: '2026-11-23T10:00:05.000Z',
      },
    ]);
    expect(metrics.counted).toEqual(['MessagesUndeliverable']);
  });

  it('leaves an address whose mailbox was only full for a while (a transient bounce)', async () => {
    const transient = event({
      bounce: {
        bounceType: 'Transient',
        timestamp: '2026-11-23T10:00:05.000Z',
        bouncedRecipients: [{ emailAddress: 'rahima@example.com' }],
      },
    });
    expect(await apply(transient)).toBe('ignored');
    expect(suppressions.suppressed.size).toBe(0);
    expect(undeliverable.kept).toEqual([]);
  });

  it('suppresses an address whose recipient complained, even for an email about no complaint', async () => {
    const complained = event({
      eventType: 'Complaint',
      mail: { timestamp: '2026-11-23T10:00:00.000Z', tags: {} },
      complaint: {
        timestamp: '2026-11-23T11:00:00.000Z',
        complainedRecipients: [{ emailAddress: 'go@merchant.example' }],
      },
    });
    expect(await apply(complained)).toBe('suppressed');
    expect(suppressions.suppressed.get('go@merchant.example')).toBe('COMPLAINT');
    expect(undeliverable.kept).toEqual([]);
  });
});
