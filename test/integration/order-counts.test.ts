/**
 * Complaint rates over HTTP: a merchant reports a month's orders (and corrects them, keeping the
 * trail), and its public record shows complaints per 10,000 orders for the months reported, or
 * "not reported" where none is.
 */
import { describe, expect, it } from 'vitest';
import { fileComplaint, filingsCounted, onboardMerchant } from './complaints';
import { advanceClock, request } from './http';
import { signedCall } from './signed';

type Stats = {
  complaintRate: { per10000Orders: number | null; filed: number; orders: number; months: number } | null;
  complaintRateNote?: string;
  monthly: { month: string; filed: number; orders?: number; per10000Orders?: number }[];
};
const statsOf = async (merchantId: string) =>
  (await request('GET', `/v1/public/merchants/${merchantId}/stats`)).body as unknown as Stats;

describe('complaint rates', () => {
  it('come from the orders a merchant reports, corrections kept; without a report the record says "not reported"', async () => {
    const { merchantId, merchantKey } = await onboardMerchant('ordering');
    const asMerchant = (method: string, path: string, body?: unknown) => signedCall(merchantKey, method, path, body);
    await fileComplaint({ merchantId }, merchantKey);
    await fileComplaint({ merchantId }, merchantKey);
    await filingsCounted(merchantId, 2);
    // The month the two were filed, as the counters count it; it has to end before it is reported.
    const month = (await statsOf(merchantId)).monthly.find((row) => row.filed === 2)!.month;
    const early = await asMerchant('PUT', `/v1/merchant/order-counts/${month}`, { orders: 4000 });
    expect([early.status, early.body.error]).toEqual([422, expect.objectContaining({ code: 'MONTH_NOT_REPORTABLE' })]);
    const silent = await statsOf(merchantId);
    expect(silent.complaintRate).toBeNull();
    expect(silent.complaintRateNote).toMatch(/^Not reported/);

    await advanceClock('P32D');
    const first = await asMerchant('PUT', `/v1/merchant/order-counts/${month}`, { orders: 4000 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ month, orders: 4000, corrections: [] });
    expect((await statsOf(merchantId)).complaintRate).toEqual({ per10000Orders: 5, filed: 2, orders: 4000, months: 1 });

    // A correction: the rate follows it, and the trail keeps the count it replaced.
    const corrected = await asMerchant('PUT', `/v1/merchant/order-counts/${month}`, { orders: 8000 });
    expect(corrected.body).toMatchObject({
      orders: 8000,
      corrections: [{ orders: 4000, reportedAt: first.body.reportedAt }],
    });
    const stats = await statsOf(merchantId);
    expect(stats.complaintRate).toEqual({ per10000Orders: 2.5, filed: 2, orders: 8000, months: 1 });
    expect(stats.monthly.find((row) => row.month === month)).toMatchObject({
      filed: 2,
      orders: 8000,
      per10000Orders: 2.5,
    });
    const listed = await asMerchant('GET', '/v1/merchant/order-counts');
    expect((listed.body.months as { month: string }[]).find((row) => row.month === month)).toEqual(corrected.body);
    // Its own record, as the public sees it.
    expect((await asMerchant('GET', '/v1/merchant/scorecard')).body.complaintRate).toEqual(stats.complaintRate);

    // Odd input: 400 for the body, 422 for the month.
    expect((await asMerchant('PUT', `/v1/merchant/order-counts/${month}`, { orders: -5 })).status).toBe(400);
    expect((await asMerchant('PUT', `/v1/merchant/order-counts/${month}`, { orders: '12' })).status).toBe(400);
    const badMonth = await asMerchant('PUT', '/v1/merchant/order-counts/2026-13', { orders: 5 });
    expect([badMonth.status, badMonth.body.error]).toEqual([422, expect.objectContaining({ code: 'MONTH_INVALID' })]);
    const longAgo = await asMerchant('PUT', '/v1/merchant/order-counts/2019-01', { orders: 5 });
    expect(longAgo.body.error).toMatchObject({ code: 'MONTH_NOT_REPORTABLE' });
  });
});
