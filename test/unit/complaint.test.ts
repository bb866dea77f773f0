import { describe, expect, it } from 'vitest';
import {
  act,
  fileComplaint,
  fileComplaintRequest,
  permits,
  rate,
  type Complaint,
} from '../../functions/domain/complaint';
import { consumerActions } from '../../functions/complaints/actions';
import { DAY_MS } from '../../functions/domain/lifecycle';
import { districtConfig } from '../../functions/domain/districts';
import { filingRequest } from './fixtures';
import { takaAmount } from '../../functions/domain/text';

const at = new Date('2026-05-01T08:00:00.400Z');

describe('filing request validation', () => {
  it('accepts a complete request and defaults the language to Bengali', () => {
    const { language, ...withoutLanguage } = filingRequest();
    expect(fileComplaintRequest.parse(withoutLanguage).language).toBe('bn');
  });

  it.each([
    ['category', { category: 'UNHAPPY' }, 'must be one of'],
    ['description', { description: 'too short' }, 'at least 20 visible characters'],
    ['description', { description: '\u200b'.repeat(30) }, 'at least 20 visible characters'],
    ['description', { description: `${'\u200b'.repeat(10)}a${' '.repeat(30)}b` }, 'at least 20 visible characters'],
    ['description', { description: 'The parcel never arrived\u0007 and nobody answers.' }, 'control character'],
    [
      'description',
      { description: 'The parcel \u202enever arrived and nobody answers.' },
      'invisible formatting character',
    ],
    ['orderRef', { orderRef: '\u200b\u200b' }, 'order or reference number'],
    ['orderDate', { orderDate: '2026-02-30' }, 'not a real calendar date'],
    ['orderDate', { orderDate: '01/05/2026' }, 'YYYY-MM-DD'],
    ['amount', { amount: -5 }, 'at least 0.01 taka'],
    ['amount', { amount: 0 }, 'at least 0.01 taka'],
    ['amount', { amount: 1e-7 }, 'at most 2 decimal places'],
    ['amount', { amount: 10.005 }, 'at most 2 decimal places'],
    ['amount', { amount: '100' }, 'number of taka'],
    ['remedySought', { remedySought: 'APOLOGY' }, 'must be one of'],
  ])('refuses a bad %s with a message naming the rule', (field, override, message) => {
    const result = fileComplaintRequest.safeParse({ ...filingRequest(), ...override });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toContain(message);
  });

  it('refuses a sliver of a poisha where zero is allowed (DynamoDB refuses numbers below 1e-130)', () => {
    const proposal = takaAmount({ min: 0, max: 100 });
    for (const amount of [1e-300, 1e-9, 5e-131, -1e-300])
      expect(proposal.safeParse(amount).success, String(amount)).toBe(false);
    expect(proposal.safeParse(0).success).toBe(true);
    expect(proposal.safeParse(0.01).success).toBe(true);
  });

  it('accepts amounts with up to two decimals, such as 19.99', () => {
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), amount: 19.99 }).success).toBe(true);
  });

  it('keeps the zero-width joiner and non-joiner that Bengali spelling needs', () => {
    const description = 'র\u200d্যাব থেকে কেনা পণ্য আসেনি, ক্\u200cষতিপূরণ চাই।';
    expect(fileComplaintRequest.parse({ ...filingRequest(), description }).description).toBe(description);
  });

  it('refuses unknown fields rather than dropping them silently', () => {
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), nid: '123' }).success).toBe(false);
  });
});

describe('filing a complaint', () => {
  it('creates a SUBMITTED complaint with the category deadline and a first timeline entry', () => {
    const { complaint, entry } = fileComplaint({
      request: filingRequest(),
      consumerId: 'c1',
      complainantNameSealed: 'sealed-name',
      trackingNumber: 'ABCDE-FGHJ0',
      at,
    });
    expect(complaint).toMatchObject({
      status: 'SUBMITTED',
      merchantResponseDays: 7,
      merchantDeadline: '2026-05-08T08:00:01Z',
      acknowledgementReminderAt: '2026-05-04T08:00:01Z',
      filedAt: '2026-05-01T08:00:00.400Z',
      reopenCount: 0,
      timelineSeq: 1,
    });
    expect(entry).toMatchObject({ seq: 1, action: 'FILE', actor: 'consumer', toStatus: 'SUBMITTED' });
  });

  it('keeps the whole form, the name only sealed, and the consent as the moment it was given', () => {
    const { complaint } = fileComplaint({
      request: filingRequest(),
      consumerId: 'c1',
      complainantNameSealed: 'sealed-name',
      trackingNumber: 'ABCDE-FGHJ0',
      at,
    });
    expect(complaint).toMatchObject({
      paymentMethod: 'BKASH',
      deliveryDistrict: 'dhaka',
      priorContact: { date: '2026-04-28', channel: 'PHONE', ticketNumber: 'T-88' },
      complainantNameSealed: 'sealed-name',
      consentedAt: at.toISOString(),
    });
    expect(JSON.stringify(complaint)).not.toContain('Rahima');
    expect(complaint).not.toHaveProperty('consent');
  });
});

describe('the rest of the form', () => {
  it.each([
    ['paymentMethod', { paymentMethod: 'BITCOIN' }, 'CASH_ON_DELIVERY, BKASH, NAGAD, ROCKET, CARD, BANK, OTHER'],
    ['deliveryDistrict', { deliveryDistrict: 'atlantis' }, '64 district'],
    [
      'priorContact',
      { priorContact: { date: '2026-04-28', channel: 'PIGEON', merchantAnswer: 'none' } },
      'must be one of',
    ],
    ['complainantName', { complainantName: ' ' }, 'your name'],
    ['consent', { consent: 'yes' }, 'agree to share'],
  ])('refuses a bad %s with a message naming the rule', (field, override, message) => {
    const result = fileComplaintRequest.safeParse({ ...filingRequest(), ...override });
    expect(result.success).toBe(false);
    expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toContain(message);
  });

  it('takes every district by its id', () => {
    for (const { id } of districtConfig.districts)
      expect(fileComplaintRequest.safeParse({ ...filingRequest(), deliveryDistrict: id }).success).toBe(true);
  });
});

describe('calendar dates in requests', () => {
  it.each(['15/01/1990', '2026-13-01', 'yesterday', '2026-02-30'])(
    'refuses %j as invalid input, never as a crash',
    (value) => {
      const result = fileComplaintRequest.safeParse({ ...filingRequest(), orderDate: value });
      expect(result.success).toBe(false);
    },
  );
});

describe('what a consumer may do now', () => {
  const allowed = (complaint: Complaint, now: Date) =>
    Object.entries(consumerActions)
      .filter(([, { action }]) => permits(complaint, action, 'consumer', now))
      .map(([name]) => name);
  const later = (days: number) => new Date(at.getTime() + days * DAY_MS);

  it("follows the rules and their windows through a complaint's life, as the actions themselves would", () => {
    let { complaint } = fileComplaint({
      request: filingRequest(),
      consumerId: 'c1',
      complainantNameSealed: 'sealed-name',
      trackingNumber: 'ABCDE-FGHJ0',
      at,
    });
    expect(allowed(complaint, at)).toEqual(['withdraw']);
    complaint = act(complaint, 'NOTIFY_MERCHANT', 'system', at).complaint;
    complaint = act(complaint, 'PROPOSE_RESOLUTION', 'merchant', later(1)).complaint;
    expect(allowed(complaint, later(1))).toEqual(['confirm', 'dispute', 'withdraw', 'message']);
    complaint = act(complaint, 'CONFIRM', 'consumer', later(2)).complaint;
    expect(allowed(complaint, later(2))).toEqual(['reopen', 'rate', 'message']);
    // The 15-day reopen window ends: only writing and rating are left (the close has not run yet).
    expect(allowed(complaint, later(2 + 15 + 0.001))).toEqual(['rate', 'message']);
    complaint = rate(complaint, later(3), 5).complaint;
    expect(allowed(complaint, later(3))).toEqual(['reopen', 'message']);
    complaint = act(complaint, 'CLOSE', 'system', later(2 + 15 + 0.001)).complaint;
    expect(allowed(complaint, later(2 + 15 + 0.001))).toEqual([]);
  });
});
