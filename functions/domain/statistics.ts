/**
 * Statistics are counters, one item per scope and period, so reading them costs one item whatever
 * the number of complaints. They are kept from the table's stream of changes, once per timeline
 * entry (an entry's counters are applied exactly once, whatever is redelivered), never inside a
 * request's own transaction: an item every complaint writes would cap the platform's write rate
 * and make concurrent requests cancel each other (TransactionConflict). This module says which
 * counters a change moves, from the complaint before and after it; the statistics adapter applies
 * the deltas.
 *
 * Scopes: everything (`ALL`), a merchant, a category, a delivery district, and a merchant's
 * category. Periods: all time (`TOTAL`) and each month (`MONTH#YYYY-MM`), so trends are months
 * summed. Counters:
 * - `status_<STATUS>`: complaints now in each status (all time only);
 * - `filed`, `escalated`, `withdrawn`, `reopens`, `reopenedComplaints` (reopened at least once),
 *   `everSettled` (settled at least once: what the reopen rate is of);
 * - `settled`, `settledConfirmed`, `settledAuto`: each complaint counted once, by how it stands
 *   settled now, in the month it was first settled. A complaint reopened and settled again is
 *   still one; one settled automatically, reopened and then confirmed moves from automatic to
 *   confirmed; one reopened and then escalated or withdrawn is settled no more;
 * - `decidedUpheld`, `decidedDismissed`, `decidedReferred`;
 * - `firstResponses`, `firstResponsesInTime` (before the merchant deadline), `noResponseByDeadline`
 *   (escalated with no response at all);
 * - `ratingSum`, `ratingCount`;
 * - `autoSettlements` (each automatic settlement, in its month), and the consumers' answers to "was
 *   it resolved?" after one, in the month of the settlement they answer: `autoSettledConfirmed`,
 *   `autoSettledNotResolved` (the rest were silent);
 * - histograms of the time to first response and to resolution (first settlement, or decision):
 *   `h_firstResponse_NN`, `h_resolution_NN`, one counter per fixed bucket, so they add up across
 *   months and scopes and give medians and 90th percentiles (functions of the buckets).
 *
 * A merchant's scope also counts by Dhaka day (`DAY#YYYY-MM-DD`, kept 70 days) the few counters
 * the regulators' alert rules read (functions/domain/alerts.ts dailyCounters), each in the day of
 * the change that moves it.
 */
import type { DailyCounter } from './alerts';
import type { Complaint } from './complaint';
import { dhakaDate } from './dates';
import { deadlinePaused } from './lifecycle';
import type { TimelineEntry } from './timeline';

/** Running counts of complaints currently in each status: `status_<STATUS>`. */
export const statusCounter = (status: string) => `status_${status}`;

/** Upper bounds of the duration buckets, in hours; a last bucket takes everything longer. */
export const durationBucketHours = [
  1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 168, 240, 336, 504, 720, 1080, 1440, 2160,
] as const;

export type Histogram = 'firstResponse' | 'resolution';

export const histogramCounter = (histogram: Histogram, bucket: number) =>
  `h_${histogram}_${String(bucket).padStart(2, '0')}`;

/** The bucket of a duration: the first whose upper bound it does not exceed. */
export const bucketOf = (ms: number): number => {
  const hours = ms / 3_600_000;
  const index = durationBucketHours.findIndex((bound) => hours <= bound);
  return index === -1 ? durationBucketHours.length : index;
};

/**
 * A quantile (0.5 for the median) of a histogram, as the upper bound of the bucket it falls in,
 * in hours; undefined when empty, Infinity when it falls past the last bound.
 */
export const quantileHours = (counts: readonly number[], q: number): number | undefined => {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return undefined;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const [bucket, n] of counts.entries()) {
    seen += n;
    if (seen >= rank) return durationBucketHours[bucket] ?? Infinity;
  }
  return Infinity;
};

/** What the counters read of a complaint. */
export type CountedImage = Pick<
  Complaint,
  | 'trackingNumber'
  | 'merchantId'
  | 'category'
  | 'deliveryDistrict'
  | 'status'
  | 'timelineSeq'
  | 'lastAction'
  | 'lastActionAt'
  | 'filedAt'
  | 'firstResponseAt'
  | 'firstResponseInTime'
  | 'settledKind'
  | 'firstSettledAt'
  | 'reopenCount'
  | 'decision'
  | 'rating'
  | 'survey'
  | 'paymentMethod'
  | 'merchantDeadline'
  | 'escalationReason'
  | 'informationRequest'
>;

/** Payment before delivery: what a non-delivery complaint risks losing (cash on delivery and OTHER are not counted). */
const paidInAdvance = new Set(['BKASH', 'NAGAD', 'ROCKET', 'CARD', 'BANK']);

/** The counters one change moves: all-time deltas, deltas by month (YYYY-MM), and the merchant's by Dhaka day (YYYY-MM-DD). */
export interface CounterDeltas {
  total: Record<string, number>;
  months: Record<string, Record<string, number>>;
  days: Record<string, Partial<Record<DailyCounter, number>>>;
}

/** A change to count, once: identified by the complaint and its timeline entry; counted in each of its scopes. */
export interface CountedChange {
  trackingNumber: string;
  seq: number;
  scopes: string[];
  deltas: CounterDeltas;
}

/** The period of a merchant's daily counters: `DAY#YYYY-MM-DD` (a Dhaka date). */
export const dailyPeriodPrefix = 'DAY#';
/**
 * The item holding the first day a merchant's daily counters were kept (`since`): days before it
 * are unknown, not quiet. Its sort key follows every date, so one Query reads it with the days.
 */
export const dailySincePeriod = `${dailyPeriodPrefix}SINCE`;

/** The scopes a complaint is counted in. */
export const scopesOf = (complaint: Pick<Complaint, 'merchantId' | 'category' | 'deliveryDistrict'>) => [
  'ALL',
  `MERCHANT#${complaint.merchantId}`,
  `CATEGORY#${complaint.category}`,
  ...(complaint.deliveryDistrict ? [`DISTRICT#${complaint.deliveryDistrict}`] : []),
  `MERCHANT#${complaint.merchantId}#CATEGORY#${complaint.category}`,
];

const monthOf = (iso: string) => iso.slice(0, 7);

const decidedCounter = { UPHELD: 'decidedUpheld', DISMISSED: 'decidedDismissed', REFERRED: 'decidedReferred' } as const;
const settledCounter = { CONFIRMED: 'settledConfirmed', AUTO: 'settledAuto' } as const;

/** What one stored change of a complaint moves. */
export const counterDeltas = (before: CountedImage | undefined, after: CountedImage): CounterDeltas => {
  const deltas: CounterDeltas = { total: {}, months: {}, days: {} };
  const at = after.lastActionAt ?? after.filedAt;
  /** Moves a merchant's daily counter, in the change's Dhaka day. */
  const addDaily = (counter: DailyCounter) => {
    const day = (deltas.days[dhakaDate(new Date(at))] ??= {});
    day[counter] = (day[counter] ?? 0) + 1;
  };
  /** Moves a counter all time and in the month of `when`. */
  const add = (counter: string, delta: number, when: string = at) => {
    deltas.total[counter] = (deltas.total[counter] ?? 0) + delta;
    const month = (deltas.months[monthOf(when)] ??= {});
    month[counter] = (month[counter] ?? 0) + delta;
  };
  if (before?.status !== after.status) {
    if (before) deltas.total[statusCounter(before.status)] = (deltas.total[statusCounter(before.status)] ?? 0) - 1;
    deltas.total[statusCounter(after.status)] = (deltas.total[statusCounter(after.status)] ?? 0) + 1;
  }
  const action = after.lastAction as TimelineEntry['action'] | undefined;
  if (action === 'FILE') {
    add('filed', 1, after.filedAt);
    addDaily('filed');
    if (after.category === 'NOT_DELIVERED' && after.paymentMethod && paidInAdvance.has(after.paymentMethod))
      addDaily('filedAdvanceNotDelivered');
  }
  if (after.firstResponseAt && !before?.firstResponseAt) {
    add('firstResponses', 1);
    if (after.firstResponseInTime) add('firstResponsesInTime', 1);
    add(histogramCounter('firstResponse', bucketOf(Date.parse(after.firstResponseAt) - Date.parse(after.filedAt))), 1);
  }
  // How the complaint stands settled: counted once, in the month it was first settled, by its present kind.
  if (before?.settledKind !== after.settledKind) {
    const settledMonth = after.firstSettledAt ?? before?.firstSettledAt ?? at;
    if (before?.settledKind) {
      add(settledCounter[before.settledKind], -1, settledMonth);
      if (!after.settledKind) add('settled', -1, settledMonth);
    }
    if (after.settledKind) {
      add(settledCounter[after.settledKind], 1, settledMonth);
      if (!before?.settledKind) add('settled', 1, settledMonth);
    }
  }
  if (after.firstSettledAt && !before?.firstSettledAt) add('everSettled', 1, after.firstSettledAt);
  const resolvedBefore = Boolean(before?.firstSettledAt || before?.decision);
  const resolvedNow = Boolean(after.firstSettledAt || after.decision);
  if (resolvedNow && !resolvedBefore)
    add(histogramCounter('resolution', bucketOf(Date.parse(at) - Date.parse(after.filedAt))), 1);
  switch (action) {
    case 'ESCALATE':
      add('escalated', 1);
      addDaily('escalated');
      if (!after.firstResponseAt) add('noResponseByDeadline', 1);
      // The merchant deadline passed without a proposal: due, and missed.
      if (after.escalationReason === 'MERCHANT_DEADLINE_MISSED' && before?.merchantDeadline) {
        addDaily('deadlinesDue');
        addDaily('deadlinesMissed');
      }
      break;
    case 'PROPOSE_RESOLUTION':
      // A proposal settles the merchant deadline (the first, or a reopened complaint's): in time, or late.
      if (before?.merchantDeadline) {
        addDaily('deadlinesDue');
        // While the deadline stands still for the consumer's answer, it cannot pass.
        if (!deadlinePaused(before) && Date.parse(at) > Date.parse(before.merchantDeadline))
          addDaily('deadlinesMissed');
      }
      break;
    case 'WITHDRAW':
      add('withdrawn', 1);
      break;
    case 'REOPEN':
      add('reopens', 1);
      if ((before?.reopenCount ?? 0) === 0) add('reopenedComplaints', 1);
      break;
    case 'DECIDE':
      if (after.decision) add(decidedCounter[after.decision.outcome], 1);
      break;
    case 'AUTO_SETTLE':
      add('autoSettlements', 1);
      break;
  }
  // A rating, given on its own or with the answer to "was it resolved?".
  if (after.rating && !before?.rating) {
    add('ratingSum', after.rating.score);
    add('ratingCount', 1);
  }
  // The answer to "was it resolved?", counted in the month of the automatic settlement it answers.
  if (after.survey && after.survey.answeredAt !== before?.survey?.answeredAt)
    add(after.survey.resolved ? 'autoSettledConfirmed' : 'autoSettledNotResolved', 1, after.survey.settledAt);
  return deltas;
};

/** The change to count for a stored change of a complaint: one per new timeline entry, none otherwise. */
export const countedChangeOf = (
  before: CountedImage | undefined,
  after: CountedImage | undefined,
): CountedChange | undefined => {
  if (!after?.lastAction || after.timelineSeq === before?.timelineSeq) return undefined;
  return {
    trackingNumber: after.trackingNumber,
    seq: after.timelineSeq,
    scopes: scopesOf(after),
    deltas: counterDeltas(before, after),
  };
};

/** The counters a set of changes moves, merged per scope and period: `{ "<scope>|<period>": { counter: delta } }`. */
export const mergedDeltas = (
  changes: readonly CountedChange[],
): Map<string, { scope: string; period: string; counts: Record<string, number> }> => {
  const merged = new Map<string, { scope: string; period: string; counts: Record<string, number> }>();
  const add = (scope: string, period: string, counts: Record<string, number>) => {
    const key = `${scope}|${period}`;
    const entry = merged.get(key) ?? { scope, period, counts: {} };
    for (const [name, delta] of Object.entries(counts)) entry.counts[name] = (entry.counts[name] ?? 0) + delta;
    merged.set(key, entry);
  };
  for (const change of changes) {
    for (const scope of change.scopes) {
      add(scope, 'TOTAL', change.deltas.total);
      for (const [month, counts] of Object.entries(change.deltas.months)) add(scope, `MONTH#${month}`, counts);
    }
    // The days only in the merchant's own scope: what the alert rules read.
    const merchantScope = change.scopes.find((scope) => scope.startsWith('MERCHANT#') && !scope.includes('#CATEGORY#'));
    if (merchantScope)
      for (const [day, counts] of Object.entries(change.deltas.days))
        add(merchantScope, `${dailyPeriodPrefix}${day}`, counts as Record<string, number>);
  }
  // A status left and entered within the same set cancels out; counters that do not move are not written.
  for (const [key, entry] of merged) {
    entry.counts = Object.fromEntries(Object.entries(entry.counts).filter(([, delta]) => delta !== 0));
    if (Object.keys(entry.counts).length === 0) merged.delete(key);
  }
  return merged;
};
