/**
 * How regulators find escalated cases: by status, merchant, category, delivery district and the
 * date of escalation. The search reads an index, never the table: by merchant when one is named
 * (one partition per merchant), otherwise by month of escalation (one partition per month, newest
 * first); status, category and district narrow what that partition holds. The rows carry no
 * personal data (no name, phone, email or free text), so a search is not a read of personal data.
 */
import * as z from 'zod';
import { categoryIds } from './categories';
import type { Complaint } from './complaint';
import { calendarDate, dhakaDate } from './dates';
import { districtField } from './districts';
import { RefusedError } from './errors';

/** The statuses an escalated case can be in: waiting for the regulator, decided (closed), or withdrawn by the consumer. */
export const caseStatuses = ['ESCALATED', 'CLOSED', 'WITHDRAWN'] as const;

/** The longest date range one search may span (a search with no merchant reads one index partition per month). */
export const maxSearchMonths = 60;

export const caseSearchQuery = z.strictObject({
  status: z.enum(caseStatuses, { error: `must be one of ${caseStatuses.join(', ')}` }).optional(),
  merchantId: z.string().trim().min(1).max(64).optional(),
  category: z.enum(categoryIds, { error: `must be one of ${categoryIds.join(', ')}` }).optional(),
  district: districtField.optional(),
  /** Escalated on or after this day (UTC), YYYY-MM-DD; a year before `to` if not given. */
  from: calendarDate.optional(),
  /** Escalated on or before this day (UTC), YYYY-MM-DD; today if not given. */
  to: calendarDate.optional(),
});
export type CaseSearchQuery = z.infer<typeof caseSearchQuery>;

/** A search with its date range settled. */
export type CaseSearch = Omit<CaseSearchQuery, 'from' | 'to'> & { from: string; to: string };

const monthsBetween = (from: string, to: string) => {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
};

/** Fills in the default range and refuses a reversed or too long one (422 SEARCH_RANGE_INVALID). */
export const settleSearch = (query: CaseSearchQuery, now: Date): CaseSearch => {
  const to = query.to ?? dhakaDate(now);
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, '-02-28');
  if (from > to)
    throw new RefusedError('SEARCH_RANGE_INVALID', `The range starts (${from}) after it ends (${to}).`, { from, to });
  if (monthsBetween(from, to) > maxSearchMonths) {
    throw new RefusedError(
      'SEARCH_RANGE_INVALID',
      `A search spans at most ${maxSearchMonths} months; narrow the range or name the merchant.`,
      { from, to },
    );
  }
  return { ...query, from, to };
};

/** The months of a range, newest first (YYYY-MM). */
export const monthsOf = (search: Pick<CaseSearch, 'from' | 'to'>): string[] => {
  const months: string[] = [];
  let [year, month] = search.to.split('-').map(Number) as [number, number];
  for (let left = monthsBetween(search.from, search.to); left > 0; left--) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return months;
};

/** What a search answers per case: enough to choose one, nothing personal. */
export const caseSummary = (complaint: Complaint) => ({
  trackingNumber: complaint.trackingNumber,
  status: complaint.status,
  merchantId: complaint.merchantId,
  category: complaint.category,
  ...(complaint.deliveryDistrict && { district: complaint.deliveryDistrict }),
  reason: complaint.escalationReason ?? 'MERCHANT_DEADLINE_MISSED',
  amount: complaint.amount,
  remedySought: complaint.remedySought,
  filedAt: complaint.filedAt,
  escalatedAt: complaint.escalatedAt!,
  ...(complaint.hearings?.length && { latestHearingAt: complaint.hearings[complaint.hearings.length - 1]!.at }),
  ...(complaint.decision && {
    decision: { outcome: complaint.decision.outcome, decidedAt: complaint.decision.decidedAt },
  }),
  ...(complaint.compliance && {
    compliance: {
      dueAt: complaint.compliance.dueAt,
      ...(complaint.compliance.confirmedAt && { confirmedAt: complaint.compliance.confirmedAt }),
      ...(complaint.compliance.overdueAt && { overdueAt: complaint.compliance.overdueAt }),
    },
  }),
});
export type CaseSummary = ReturnType<typeof caseSummary>;
