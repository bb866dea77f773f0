/**
 * A merchant's monthly order counts, the denominator of its complaint rate. A merchant reports the
 * orders of a month once the month has ended (within the last 24 months), and may correct it: the
 * count it replaces stays in the month's trail, with when it was reported. The public scorecard
 * shows complaints per 10,000 orders over the months reported, and says "not reported" where
 * none is; a raw count says little of a merchant without the orders it took.
 */
import * as z from 'zod';
import { RefusedError } from './errors';

/** Months back a count may be reported or corrected. */
export const reportableMonths = 24;

/** Corrections one month keeps: its item holds them all. */
export const maxCorrections = 50;

/** The most orders a month may have (well above any Bangladeshi shop's). */
export const maxMonthlyOrders = 1_000_000_000;

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const orderCountRequest = z.strictObject({
  orders: z
    .number({ error: 'give the number of orders, a whole number' })
    .int('give a whole number of orders')
    .min(0, 'orders cannot be negative')
    .max(maxMonthlyOrders, `at most ${maxMonthlyOrders.toLocaleString('en')}`),
});

export interface OrderCount {
  month: string;
  orders: number;
  reportedAt: string;
  /** The counts it replaced, oldest first, each with when it was reported. */
  corrections: { orders: number; reportedAt: string }[];
}

/** The UTC month (YYYY-MM) `n` months before the one of `at`. */
export const monthBefore = (at: Date, n: number) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - n, 1)).toISOString().slice(0, 7);

/** A month a merchant may report now: ended, and within the last 24 months. */
export const checkReportableMonth = (month: string, at: Date) => {
  if (!monthPattern.test(month))
    throw new RefusedError('MONTH_INVALID', 'Give the month as YYYY-MM, such as 2026-11.', { month });
  if (month > monthBefore(at, 1) || month < monthBefore(at, reportableMonths))
    throw new RefusedError(
      'MONTH_NOT_REPORTABLE',
      `Report a month that has ended, from ${monthBefore(at, reportableMonths)} to ${monthBefore(at, 1)}.`,
      { month },
    );
};

/** The month's count after a report: the first, a correction (the old count joins the trail), or the same count again (unchanged). */
export const reported = (
  current: OrderCount | undefined,
  month: string,
  orders: number,
  at: Date,
): OrderCount | undefined => {
  if (current?.orders === orders) return undefined;
  if (current && current.corrections.length >= maxCorrections)
    throw new RefusedError(
      'CORRECTION_LIMIT_REACHED',
      `A month's count can be corrected at most ${maxCorrections} times.`,
    );
  return {
    month,
    orders,
    reportedAt: at.toISOString(),
    corrections: current ? [...current.corrections, { orders: current.orders, reportedAt: current.reportedAt }] : [],
  };
};

/** Complaints per 10,000 orders, to two decimals; none for a month without orders. */
export const per10000 = (complaints: number, orders: number) =>
  orders > 0 ? Math.round((complaints * 1_000_000) / orders) / 100 : undefined;

/**
 * The complaint rate over the ended months of the window that have a count: their filed
 * complaints per 10,000 of their orders. It needs every ended month that had complaints to have a
 * count above 0, so a merchant cannot leave out its bad months (a month without complaints may go
 * unreported: leaving its orders out only raises the rate). Otherwise there is no rate, and
 * `missing` names the months that lack a count.
 */
export const complaintRate = (
  months: { month: string; filed: number; orders?: number }[],
  currentMonth: string,
): { rate: { per10000Orders: number; filed: number; orders: number; months: number } | null; missing: string[] } => {
  const ended = months.filter((month) => month.month < currentMonth);
  const missing = ended
    .filter((month) => month.filed > 0 && !(month.orders && month.orders > 0))
    .map((month) => month.month);
  const reportedMonths = ended.filter((month) => month.orders !== undefined && month.orders > 0);
  if (missing.length > 0 || reportedMonths.length === 0) return { rate: null, missing };
  const orders = reportedMonths.reduce((sum, month) => sum + month.orders!, 0);
  const filed = reportedMonths.reduce((sum, month) => sum + month.filed, 0);
  return { rate: { per10000Orders: per10000(filed, orders)!, filed, orders, months: reportedMonths.length }, missing };
};
