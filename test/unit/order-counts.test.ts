import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import { ConcurrentChangeError, RefusedError } from '../../functions/domain/errors';
import { complaintRate, orderCountRequest, per10000, type OrderCount } from '../../functions/domain/order-counts';
import type { OrderCounts } from '../../functions/domain/ports';
import { listOrderCountsUseCase, reportOrderCountUseCase } from '../../functions/merchant/order-count-use-cases';
import { merchantStatsUseCase } from '../../functions/public/use-cases';

/** Order counts in memory, with the adapter's condition: a report replaces the count it read, or none. */
class InMemoryOrderCounts implements OrderCounts {
  readonly items = new Map<string, OrderCount>();
  async get(merchantId: string, month: string) {
    const found = this.items.get(`${merchantId}|${month}`);
    return found && structuredClone(found);
  }
  async put(merchantId: string, count: OrderCount, replacing?: string) {
    if (this.items.get(`${merchantId}|${count.month}`)?.reportedAt !== replacing)
      throw new ConcurrentChangeError(merchantId);
    this.items.set(`${merchantId}|${count.month}`, structuredClone(count));
  }
  async list(merchantId: string, from: string, to: string) {
    return [...this.items.entries()]
      .filter(([key, count]) => key.startsWith(`${merchantId}|`) && count.month >= from && count.month <= to)
      .map(([, count]) => count)
      .sort((a, b) => a.month.localeCompare(b.month));
  }
}

const clock = fixedClock('2026-12-05T10:00:00Z');

describe('order counts', () => {
  it('are whole numbers of orders, from 0', () => {
    expect(orderCountRequest.safeParse({ orders: 12.5 }).success).toBe(false);
    expect(orderCountRequest.safeParse({ orders: -1 }).success).toBe(false);
    expect(orderCountRequest.safeParse({ orders: '100' }).success).toBe(false);
    expect(orderCountRequest.parse({ orders: 0 })).toEqual({ orders: 0 });
  });

  it('are reported for a month that has ended, within 24 months', async () => {
    const report = reportOrderCountUseCase({ counts: new InMemoryOrderCounts(), clock });
    await expect(report('demo-bazaar', '2026-12', 10)).rejects.toMatchObject({ code: 'MONTH_NOT_REPORTABLE' });
    await expect(report('demo-bazaar', '2024-11', 10)).rejects.toMatchObject({ code: 'MONTH_NOT_REPORTABLE' });
    await expect(report('demo-bazaar', '2026-13', 10)).rejects.toMatchObject({ code: 'MONTH_INVALID' });
    await expect(report('demo-bazaar', 'last', 10)).rejects.toBeInstanceOf(RefusedError);
    expect(await report('demo-bazaar', '2024-12', 10)).toMatchObject({ month: '2024-12', orders: 10 });
    expect(await report('demo-bazaar', '2026-11', 10)).toMatchObject({ month: '2026-11', orders: 10 });
  });

  it('keep the count a correction replaces in the month’s trail; the same count again changes nothing', async () => {
    const counts = new InMemoryOrderCounts();
    const at = (iso: string) => reportOrderCountUseCase({ counts, clock: fixedClock(iso) });
    await at('2026-12-01T09:00:00Z')('demo-bazaar', '2026-11', 12_000);
    await at('2026-12-02T09:00:00Z')('demo-bazaar', '2026-11', 12_500);
    const again = await at('2026-12-03T09:00:00Z')('demo-bazaar', '2026-11', 12_500);
    expect(again).toEqual({
      month: '2026-11',
      orders: 12_500,
      reportedAt: '2026-12-02T09:00:00.000Z',
      corrections: [{ orders: 12_000, reportedAt: '2026-12-01T09:00:00.000Z' }],
    });
    const listed = await listOrderCountsUseCase({ counts, clock })('demo-bazaar');
    expect(listed.months).toHaveLength(24);
    expect(listed.months[0]).toEqual(again);
    expect(listed.months[1]).toEqual({ month: '2026-10', corrections: [] });
    expect(listed.months.at(-1)?.month).toBe('2024-12');
  });

  it('refuse a 51st correction, and the loser of two reports at once (409)', async () => {
    const counts = new InMemoryOrderCounts();
    const report = reportOrderCountUseCase({ counts, clock });
    for (let orders = 0; orders <= 50; orders++) await report('demo-bazaar', '2026-10', orders);
    await expect(report('demo-bazaar', '2026-10', 99)).rejects.toMatchObject({ code: 'CORRECTION_LIMIT_REACHED' });
    const racing = new InMemoryOrderCounts();
    const slow = reportOrderCountUseCase({
      counts: Object.assign(Object.create(racing), {
        // Another report lands between this one's read and its write.
        get: async (merchantId: string, month: string) => {
          const read = await racing.get(merchantId, month);
          await racing.put(merchantId, { month, orders: 7, reportedAt: 'elsewhere', corrections: [] });
          return read;
        },
      }),
      clock,
    });
    await expect(slow('demo-bazaar', '2026-09', 5)).rejects.toMatchObject({ code: 'ORDER_COUNT_CHANGED' });
  });

  it('make a rate per 10,000 orders over the ended months reported, only when no month with complaints lacks a count', () => {
    expect(per10000(3, 12_000)).toBe(2.5);
    expect(per10000(1, 30_000)).toBe(0.33);
    expect(per10000(1, 0)).toBeUndefined();
    // A month without complaints may go unreported; the current month is not counted.
    expect(
      complaintRate(
        [
          { month: '2026-09', filed: 0 },
          { month: '2026-10', filed: 3, orders: 10_000 },
          { month: '2026-11', filed: 2, orders: 30_000 },
          { month: '2026-12', filed: 40 },
        ],
        '2026-12',
      ),
    ).toEqual({ rate: { per10000Orders: 1.25, filed: 5, orders: 40_000, months: 2 }, missing: [] });
    // Leaving out a bad month leaves no rate, naming the month; so does a count of 0 against complaints.
    expect(
      complaintRate(
        [
          { month: '2026-09', filed: 40 },
          { month: '2026-10', filed: 3, orders: 0 },
          { month: '2026-11', filed: 2, orders: 30_000 },
        ],
        '2026-12',
      ),
    ).toEqual({ rate: null, missing: ['2026-09', '2026-10'] });
    expect(complaintRate([{ month: '2026-11', filed: 0 }], '2026-12')).toEqual({ rate: null, missing: [] });
  });

  it('reach the public scorecard: each reported month’s rate and corrections, the rate overall, and "not reported" with a month missing', async () => {
    const counts = new InMemoryOrderCounts();
    await counts.put('demo-bazaar', { month: '2026-11', orders: 8_000, reportedAt: 'x', corrections: [] });
    const statistics = {
      read: async () =>
        new Map([
          ['MERCHANT#demo-bazaar|MONTH#2026-11', { filed: 4 }],
          ['MERCHANT#demo-bazaar|MONTH#2026-10', { filed: 9 }],
        ]),
    };
    const merchants = {
      get: async (merchantId: string) =>
        merchantId === 'demo-bazaar' ? { merchantId, tradeName: 'Demo Bazaar', active: true } : undefined,
    };
    const stats = merchantStatsUseCase({ statistics, merchants, orderCounts: counts, clock } as never);
    // October had complaints and no count: no rate, and the note says which month.
    const partial = await stats('demo-bazaar');
    expect(partial.complaintRate).toBeNull();
    expect(partial.complaintRateNote).toBe('Not reported: months with complaints have no order count (2026-10).');
    expect(partial.monthly.find((row) => row.month === '2026-11')).toMatchObject({
      filed: 4,
      orders: 8_000,
      per10000Orders: 5,
      ordersReportedAt: 'x',
      ordersCorrections: 0,
    });
    await reportOrderCountUseCase({ counts, clock })('demo-bazaar', '2026-10', 1_000);
    await reportOrderCountUseCase({ counts, clock })('demo-bazaar', '2026-10', 2_000);
    const answer = await stats('demo-bazaar');
    expect(answer.complaintRate).toEqual({ per10000Orders: 13, filed: 13, orders: 10_000, months: 2 });
    expect(answer).not.toHaveProperty('complaintRateNote');
    expect(answer.monthly.find((row) => row.month === '2026-10')).toMatchObject({
      orders: 2_000,
      ordersCorrections: 1,
    });
    const silent = await merchantStatsUseCase({
      statistics: { read: async () => new Map() },
      merchants,
      orderCounts: new InMemoryOrderCounts(),
      clock,
    } as never)('demo-bazaar');
    expect(silent.complaintRate).toBeNull();
    expect(silent.complaintRateNote).toBe(
      'Not reported: the merchant reported no order count for the months from 2026-01 to 2026-11.',
    );
  });
});
