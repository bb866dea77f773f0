/**
 * Open data: the platform's numbers for anyone, read from the statistics counters only (a fixed
 * number of items per answer, whatever the number of complaints), with no personal data anywhere.
 */
import { offeredCategories } from '../domain/categories';
import type { Clock } from '../domain/clock';
import { districtConfig } from '../domain/districts';
import { NotFoundError } from '../domain/errors';
import { csvLine } from '../domain/exports';
import { complaintRate, per10000 } from '../domain/order-counts';
import type { MerchantDirectory, MerchantSearch, OrderCounts, PageRequest, StatisticsReader } from '../domain/ports';
import { scorecard, type Scorecard } from '../domain/scorecard';

/** How many months a trend shows, the current one included. */
export const trendMonths = 12;

/** The last `count` months up to the one of `now` (UTC), oldest first (YYYY-MM). */
export const monthsUpTo = (now: Date, count: number) =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );

const trendOf = (counters: Map<string, Record<string, number>>, scope: string, months: string[]) =>
  months.map((month) => {
    const card = scorecard(counters.get(`${scope}|MONTH#${month}`) ?? {});
    return {
      month,
      filed: card.complaints.filed,
      settled: card.complaints.settled,
      escalated: card.complaints.escalated,
      withdrawn: card.complaints.withdrawn,
    };
  });

export const publicStatsUseCase = (deps: { statistics: StatisticsReader; clock: Clock }) => async () => {
  const months = monthsUpTo(deps.clock.now(), trendMonths);
  const categories = offeredCategories.map((category) => category.id);
  const districts = districtConfig.districts.map((district) => district.id);
  const counters = await deps.statistics.read([
    { scope: 'ALL', period: 'TOTAL' },
    ...months.map((month) => ({ scope: 'ALL', period: `MONTH#${month}` })),
    ...categories.map((category) => ({ scope: `CATEGORY#${category}`, period: 'TOTAL' })),
    ...districts.map((district) => ({ scope: `DISTRICT#${district}`, period: 'TOTAL' })),
  ]);
  const total = (scope: string) => scorecard(counters.get(`${scope}|TOTAL`) ?? {});
  return {
    overall: total('ALL'),
    monthly: trendOf(counters, 'ALL', months),
    byCategory: categories.map((category) => ({ category, ...total(`CATEGORY#${category}`) })),
    byDistrict: districts.map((district) => ({ district, ...total(`DISTRICT#${district}`) })),
  };
};

/** Merchants by name, each with its grievance officer and its all-time scorecard: one query and one counter item per merchant listed. */
export const merchantSearchUseCase =
  (deps: { directory: MerchantSearch; statistics: StatisticsReader }) => async (query: string, page: PageRequest) => {
    const found = await deps.directory.search(query, page);
    const counters = await deps.statistics.read(
      found.items.map(({ merchantId }) => ({ scope: `MERCHANT#${merchantId}`, period: 'TOTAL' })),
    );
    return {
      merchants: found.items.map((merchant) => ({
        ...merchant,
        scorecard: scorecard(counters.get(`MERCHANT#${merchant.merchantId}|TOTAL`) ?? {}),
      })),
      ...(found.nextCursor && { nextCursor: found.nextCursor }),
    };
  };

/**
 * One merchant's scorecard: all time, by category, and the monthly trend with the orders it
 * reported and its complaint rate (per 10,000 orders, over the months reported; null, "not
 * reported", where none is). An unknown merchant is 404.
 */
export const merchantStatsUseCase =
  (deps: { statistics: StatisticsReader; merchants: MerchantDirectory; orderCounts: OrderCounts; clock: Clock }) =>
  async (merchantId: string) => {
    // The merchant first: an id no merchant has is never turned into counter keys (it may not even fit one).
    const merchant = await deps.merchants.get(merchantId);
    if (!merchant?.active) throw new NotFoundError(`No merchant has the id ${merchantId}.`);
    const months = monthsUpTo(deps.clock.now(), trendMonths);
    const categories = offeredCategories.map((category) => category.id);
    const scope = `MERCHANT#${merchantId}`;
    const [counters, orderCounts] = await Promise.all([
      deps.statistics.read([
        { scope, period: 'TOTAL' },
        ...months.map((month) => ({ scope, period: `MONTH#${month}` })),
        ...categories.map((category) => ({ scope: `${scope}#CATEGORY#${category}`, period: 'TOTAL' })),
      ]),
      deps.orderCounts.list(merchantId, months[0]!, months.at(-1)!),
    ]);
    const total = (of: string) => scorecard(counters.get(`${of}|TOTAL`) ?? {});
    const countOf = new Map(orderCounts.map((count) => [count.month, count]));
    const monthly = trendOf(counters, scope, months).map((row) => {
      const count = countOf.get(row.month);
      if (!count) return row;
      const rate = per10000(row.filed, count.orders);
      return {
        ...row,
        orders: count.orders,
        ...(rate !== undefined && { per10000Orders: rate }),
        // Seen by all: when the count was given, and how often it was changed.
        ordersReportedAt: count.reportedAt,
        ordersCorrections: count.corrections.length,
      };
    });
    const { rate, missing } = complaintRate(monthly, months.at(-1)!);
    return {
      merchant: {
        merchantId,
        tradeName: merchant.tradeName,
        ...(merchant.grievanceOfficer && { grievanceOfficer: merchant.grievanceOfficer }),
      },
      scorecard: total(scope),
      complaintRate: rate,
      ...(!rate && {
        complaintRateNote:
          missing.length > 0
            ? `Not reported: months with complaints have no order count (${missing.join(', ')}).`
            : `Not reported: the merchant reported no order count for the months from ${months[0]} to ${months.at(-2)}.`,
      }),
      monthly,
      byCategory: categories
        .map((category) => ({ category, ...total(`${scope}#CATEGORY#${category}`) }))
        .filter((row) => row.complaints.filed > 0),
    };
  };

/** A scorecard's CSV columns, each with how its value is read off the scorecard. */
const scorecardColumns: [string, (card: Scorecard) => string | number | undefined][] = [
  ['filed', (card) => card.complaints.filed],
  ['open', (card) => card.complaints.open],
  ['settled', (card) => card.complaints.settled.total],
  ['settledByConsumerConfirmation', (card) => card.complaints.settled.byConsumerConfirmation],
  ['settledAutomatically', (card) => card.complaints.settled.automatically],
  ['autoSettlements', (card) => card.complaints.afterAutomaticSettlement.settlements],
  ['autoSettledThenConfirmed', (card) => card.complaints.afterAutomaticSettlement.confirmedResolved],
  ['autoSettledThenNotResolved', (card) => card.complaints.afterAutomaticSettlement.saidNotResolved],
  ['autoSettledSilent', (card) => card.complaints.afterAutomaticSettlement.silent],
  ['escalated', (card) => card.complaints.escalated],
  ['withdrawn', (card) => card.complaints.withdrawn],
  ['decidedUpheld', (card) => card.complaints.decided.upheld],
  ['decidedDismissed', (card) => card.complaints.decided.dismissed],
  ['decidedReferred', (card) => card.complaints.decided.referred],
  ['settlementRate', (card) => card.rates?.settlement],
  ['settlementRateByConfirmation', (card) => card.rates?.settlementByConfirmation],
  ['settlementRateAutomatic', (card) => card.rates?.settlementAutomatic],
  ['automaticConfirmedByConsumerRate', (card) => card.rates?.automaticConfirmedByConsumer],
  ['timelyFirstResponseRate', (card) => card.rates?.timelyFirstResponse],
  ['reopenRate', (card) => card.rates?.reopen],
  ['medianHoursToFirstResponse', (card) => card.timesInHours.firstResponse.median ?? undefined],
  ['p90HoursToFirstResponse', (card) => card.timesInHours.firstResponse.p90 ?? undefined],
  ['medianHoursToResolution', (card) => card.timesInHours.resolution.median ?? undefined],
  ['p90HoursToResolution', (card) => card.timesInHours.resolution.p90 ?? undefined],
  ['averageRating', (card) => card.rating?.average],
  ['ratings', (card) => card.rating?.count ?? 0],
];

/** Rows of scorecards as CSV: a scope column and a key column (`overall`, a category, a district), then the scorecard. A rate left empty is hidden (fewer than 10 complaints with an outcome). */
export const scorecardsCsv = (rows: { scope: string; key: string; card: Scorecard }[]) =>
  `\ufeff${csvLine(['scope', 'key', ...scorecardColumns.map(([name]) => name)])}${rows.map(({ scope, key, card }) => csvLine([scope, key, ...scorecardColumns.map(([, value]) => value(card))])).join('')}`;
