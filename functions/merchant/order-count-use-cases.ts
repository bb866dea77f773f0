/** A merchant's monthly order counts: reported and corrected by the merchant, each correction kept in the month's trail. */
import type { Clock } from '../domain/clock';
import { ConcurrentChangeError, RefusedConflictError } from '../domain/errors';
import { checkReportableMonth, monthBefore, reportableMonths, reported } from '../domain/order-counts';
import type { OrderCounts } from '../domain/ports';

/** Reports (or corrects) the orders of an ended month; the same count again changes nothing. */
export const reportOrderCountUseCase =
  (deps: { counts: OrderCounts; clock: Clock }) => async (merchantId: string, month: string, orders: number) => {
    const now = deps.clock.now();
    checkReportableMonth(month, now);
    const current = await deps.counts.get(merchantId, month);
    const next = reported(current, month, orders, now);
    if (!next) return current!;
    try {
      await deps.counts.put(merchantId, next, current?.reportedAt);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      throw new RefusedConflictError(
        'ORDER_COUNT_CHANGED',
        `Another report of ${month} came first; read the counts again and correct it if you need to.`,
        { month },
      );
    }
    return next;
  };

/** The months a merchant may report, newest first, each with its count and trail, or without a count. */
export const listOrderCountsUseCase = (deps: { counts: OrderCounts; clock: Clock }) => async (merchantId: string) => {
  const now = deps.clock.now();
  const newest = monthBefore(now, 1);
  const oldest = monthBefore(now, reportableMonths);
  const kept = new Map((await deps.counts.list(merchantId, oldest, newest)).map((count) => [count.month, count]));
  return {
    months: Array.from({ length: reportableMonths }, (_, i) => monthBefore(now, i + 1)).map(
      (month) => kept.get(month) ?? { month, corrections: [] },
    ),
  };
};
