import { describe, expect, it } from 'vitest';
import { ApiError, errorText, worthRetrying } from '../../web/src/api';
import { formatDate, formatMonth, formatNumber, formatPercent, formatRelativeDays, plural } from '../../web/src/format';
import { trendSummary } from '../../web/src/trend-summary';

describe('the pages’ numbers and dates', () => {
  it('writes Bengali digits, months and percentages for bn, and English ones for en', () => {
    expect(formatNumber(1234567, 'bn')).toBe('১২,৩৪,৫৬৭');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(0.909, 'bn')).toBe('৯০.৯%');
    expect(formatMonth('2026-11', 'en')).toBe('Nov 2026');
    expect(formatMonth('2026-11', 'bn')).toMatch(/নভে.*২০২৬/);
  });

  it('dates in Dhaka time: 20:00 UTC is already the next day there', () => {
    expect(formatDate('2026-11-23T20:00:00Z', 'en')).toBe('24 November 2026');
    expect(formatDate('2026-11-23T20:00:00Z', 'bn')).toMatch(/^২৪/);
  });

  it('counts days to a deadline by Dhaka calendar days, in words', () => {
    const now = new Date('2026-11-23T17:00:00Z'); // 23:00 in Dhaka
    expect(formatRelativeDays('2026-11-23T19:00:00Z', now, 'en')).toBe('tomorrow'); // 01:00 the next Dhaka day
    expect(formatRelativeDays('2026-11-30T10:00:00Z', now, 'en')).toBe('in 7 days');
    expect(formatRelativeDays('2026-11-21T10:00:00Z', now, 'en')).toBe('2 days ago');
    expect(formatRelativeDays('2026-11-30T10:00:00Z', now, 'bn')).toMatch(/৭/);
  });

  it('picks the plural form the language needs', () => {
    expect(plural(1, { one: 'complaint', other: 'complaints' }, 'en')).toBe('1 complaint');
    expect(plural(3, { one: 'complaint', other: 'complaints' }, 'en')).toBe('3 complaints');
    expect(plural(3, { one: 'অভিযোগ', other: 'টি অভিযোগ' }, 'bn')).toBe('৩ টি অভিযোগ');
  });
});

describe('what the pages say of a refusal', () => {
  it('explains a field’s refusal in the chosen language, falls back to the API’s message, and says a lost connection is one', () => {
    const mistyped = new ApiError(400, 'INVALID_REQUEST', 'That tracking number has a typing mistake.', {
      trackingNumber: 'typing mistake',
    });
    expect(errorText(mistyped, 'bn')).toMatch(/টাইপের ভুল/);
    expect(errorText(new ApiError(422, 'SOMETHING_NEW', 'The API’s own words.'), 'bn')).toBe('The API’s own words.');
    expect(errorText(new TypeError('fetch failed'), 'en')).toMatch(/connect/);
  });

  it('offers a retry only where trying again can help', () => {
    expect(worthRetrying(new ApiError(0, 'NETWORK', ''))).toBe(true);
    expect(worthRetrying(new ApiError(503, 'SERVICE_UNAVAILABLE', ''))).toBe(true);
    expect(worthRetrying(new ApiError(400, 'INVALID_REQUEST', ''))).toBe(false);
    expect(worthRetrying(new ApiError(404, 'NOT_FOUND', ''))).toBe(false);
  });
});

describe('the trend chart’s text alternative', () => {
  const month = (yearMonth: string, filed: number, settled: number, escalated: number) => ({
    month: yearMonth,
    filed,
    settled: { total: settled, byConsumerConfirmation: settled, automatically: 0 },
    escalated,
  });
  const rows = [month('2026-09', 3, 1, 0), month('2026-10', 12, 4, 2), month('2026-11', 5, 6, 0)];

  it('says the months, each line’s total and its highest month, in Bengali digits or English', () => {
    expect(trendSummary(rows, 'en')).toBe(
      'Complaints per month, Sept 2026 – Nov 2026. Filed: total 20, most in Oct 2026 (12); Settled: total 11, most in Nov 2026 (6); Escalated: total 2, most in Oct 2026 (2).',
    );
    expect(trendSummary(rows, 'bn')).toContain('দাখিল: মোট ২০, সবচেয়ে বেশি');
  });

  it('names no highest month for a line that stayed at zero, and says when there is nothing yet', () => {
    expect(trendSummary([month('2026-11', 0, 0, 0)], 'en')).toBe(
      'Complaints per month, Nov 2026 – Nov 2026. Filed: total 0; Settled: total 0; Escalated: total 0.',
    );
    expect(trendSummary([], 'en')).toBe('No month has figures yet.');
  });
});
