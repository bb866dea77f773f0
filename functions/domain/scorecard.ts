/**
 * What the counters of one scope say to a shopper or a regulator: counts, rates, typical times and
 * the average rating. Rates are shown only once at least `minimumResolvedForRates` complaints have
 * an outcome (settled, escalated or withdrawn): a rate of 1 out of 2 says nothing of a merchant,
 * and the output says why a rate is missing.
 */
import { complaintStatuses, finalStatuses } from './lifecycle';
import { durationBucketHours, histogramCounter, quantileHours, statusCounter, type Histogram } from './statistics';

export const minimumResolvedForRates = 10;

const openStatuses = complaintStatuses.filter(
  (status) => !finalStatuses.includes(status) && !['SETTLED', 'AUTO_SETTLED'].includes(status),
);

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 1000 : undefined);

/** Hours as a number, or null past the last bucket (JSON has no Infinity). */
const hours = (value: number | undefined) => (value === undefined ? undefined : Number.isFinite(value) ? value : null);

export const scorecard = (counts: Record<string, number>) => {
  const n = (name: string) => counts[name] ?? 0;
  const histogram = (name: Histogram) =>
    Array.from({ length: durationBucketHours.length + 1 }, (_, bucket) => n(histogramCounter(name, bucket)));
  const settled = n('settled');
  const escalated = n('escalated');
  const resolved = settled + escalated + n('withdrawn');
  const ratesShown = resolved >= minimumResolvedForRates;
  const firstResponse = histogram('firstResponse');
  const resolution = histogram('resolution');
  return {
    complaints: {
      filed: n('filed'),
      open: openStatuses.reduce((sum, status) => sum + n(statusCounter(status)), 0),
      settled: { total: settled, byConsumerConfirmation: n('settledConfirmed'), automatically: n('settledAuto') },
      /** What consumers said of automatic settlements when asked whether they were resolved (each settlement once). */
      afterAutomaticSettlement: {
        settlements: n('autoSettlements'),
        confirmedResolved: n('autoSettledConfirmed'),
        saidNotResolved: n('autoSettledNotResolved'),
        silent: Math.max(0, n('autoSettlements') - n('autoSettledConfirmed') - n('autoSettledNotResolved')),
      },
      escalated,
      withdrawn: n('withdrawn'),
      decided: { upheld: n('decidedUpheld'), dismissed: n('decidedDismissed'), referred: n('decidedReferred') },
      resolved,
    },
    rates: ratesShown
      ? {
          /** Of the complaints settled or escalated, the share settled (confirmed and automatic apart: an automatic settlement is not a satisfied consumer). */
          settlement: ratio(settled, settled + escalated),
          settlementByConfirmation: ratio(n('settledConfirmed'), settled + escalated),
          settlementAutomatic: ratio(n('settledAuto'), settled + escalated),
          /** Of the automatic settlements, the share the consumer later confirmed as resolved. */
          automaticConfirmedByConsumer: ratio(n('autoSettledConfirmed'), n('autoSettlements')),
          timelyFirstResponse: ratio(n('firstResponsesInTime'), n('firstResponses') + n('noResponseByDeadline')),
          reopen: ratio(n('reopenedComplaints'), n('everSettled')),
        }
      : null,
    ratesNote: ratesShown
      ? undefined
      : `Rates are shown once at least ${minimumResolvedForRates} complaints have an outcome (settled, escalated or withdrawn); there are ${resolved}.`,
    timesInHours: {
      firstResponse: {
        median: hours(quantileHours(firstResponse, 0.5)),
        p90: hours(quantileHours(firstResponse, 0.9)),
        of: firstResponse.reduce((a, b) => a + b, 0),
      },
      resolution: {
        median: hours(quantileHours(resolution, 0.5)),
        p90: hours(quantileHours(resolution, 0.9)),
        of: resolution.reduce((a, b) => a + b, 0),
      },
    },
    rating:
      n('ratingCount') > 0
        ? { average: Math.round((10 * n('ratingSum')) / n('ratingCount')) / 10, count: n('ratingCount') }
        : null,
  };
};
export type Scorecard = ReturnType<typeof scorecard>;
