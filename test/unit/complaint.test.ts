import { describe, expect, it } from 'vitest';
import { fileComplaint, fileComplaintRequest } from '../../functions/domain/complaint';
import { FilingRefusedError } from '../../functions/domain/errors';
import { filingRequest } from './fixtures';

const merchant = { merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true };
const at = new Date('2026-05-01T08:00:00.400Z');

describe('filing request validation', () => {
  it('accepts a complete request and defaults the language to Bengali', () => {
    const { language, ...withoutLanguage } = filingRequest();
    expect(fileComplaintRequest.parse(withoutLanguage).language).toBe('bn');
  });

  it.each([
    ['category', { category: 'UNHAPPY' }, 'must be one of'],
    ['description', { description: 'too short' }, 'at least 20 characters'],
    ['orderDate', { orderDate: '2026-02-30' }, 'not a real calendar date'],
    ['orderDate', { orderDate: '01/05/2026' }, 'YYYY-MM-DD'],
    ['amount', { amount: -5 }, 'more than 0'],
    ['amount', { amount: 10.005 }, 'at most 2 decimal places'],
    ['amount', { amount: '100' }, 'number of taka'],
    ['remedySought', { remedySought: 'APOLOGY' }, 'must be one of'],
  ])('refuses a bad %s with a message naming the rule', (field, override, message) => {
    const result = fileComplaintRequest.safeParse({ ...filingRequest(), ...override });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toContain(message);
  });

  it('accepts amounts with up to two decimals, such as 19.99', () => {
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), amount: 19.99 }).success).toBe(true);
  });

  it('refuses unknown fields rather than dropping them silently', () => {
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), nid: '123' }).success).toBe(false);
  });
});

describe('filing a complaint', () => {
  it('creates a SUBMITTED complaint with the category deadline and a first timeline entry', () => {
    const { complaint, entry } = fileComplaint({ request: filingRequest(), consumerId: 'c1', merchant, trackingNumber: 'ABCDE-FGHJ0', at });
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

  it('refuses an unknown or inactive merchant with a reason', () => {
    const file = (m: typeof merchant | undefined) => () =>
      fileComplaint({ request: filingRequest(), consumerId: 'c1', merchant: m, trackingNumber: 'ABCDE-FGHJ0', at });
    expect(file(undefined)).toThrow(FilingRefusedError);
    expect(file({ ...merchant, active: false })).toThrow('No active merchant is registered with id "demo-bazaar".');
  });

  it('refuses an order date in the future', () => {
    expect(() =>
      fileComplaint({ request: filingRequest({ orderDate: '2026-05-02' }), consumerId: 'c1', merchant, trackingNumber: 'ABCDE-FGHJ0', at }),
    ).toThrow('The order date is in the future');
  });
});

describe('calendar dates in requests', () => {
  it.each(['15/01/1990', '2026-13-01', 'yesterday', '2026-02-30'])('refuses %j as invalid input, never as a crash', (value) => {
    const result = fileComplaintRequest.safeParse({ ...filingRequest(), orderDate: value });
    expect(result.success).toBe(false);
  });
});
