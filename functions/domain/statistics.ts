/**
 * Statistics are counters, one item per scope and period, so reading them costs one item whatever
 * the number of complaints. They are kept from the table's stream of changes, once per timeline
 * entry (an entry's counters are applied exactly once, whatever is redelivered), never inside a
 * request's own transaction: an item every complaint writes would cap the platform's write rate
 * and make concurrent requests cancel each other (TransactionConflict). This module says which
 * counters a step moves; the statistics adapter applies the deltas.
 */
import type { TimelineEntry } from './timeline';

/** Running counts of complaints currently in each status: `status_<STATUS>`. */
export const statusCounter = (status: string) => `status_${status}`;

/** Counters of events that happened, bucketed by month for trends. */
const eventCounters: Partial<Record<TimelineEntry['action'], string>> = {
  FILE: 'filed',
  CONFIRM: 'settledConfirmed',
  AUTO_SETTLE: 'settledAuto',
  ESCALATE: 'escalated',
  REOPEN: 'reopened',
  WITHDRAW: 'withdrawn',
  DECIDE: 'decided',
};

export interface CounterDeltas {
  /** Deltas for the all-time item. */
  total: Record<string, number>;
  /** Deltas for the month of the event (YYYY-MM), empty if the event is not counted by month. */
  month: Record<string, number>;
  monthKey: string;
}

/** One step of a complaint, as the counters see it. */
export type CountedStep = Pick<TimelineEntry, 'action' | 'fromStatus' | 'toStatus' | 'at'>;

/** A step to count, once: identified by the complaint and the timeline entry's number. */
export interface CountedChange {
  trackingNumber: string;
  seq: number;
  merchantId: string;
  step: CountedStep;
}

export const counterDeltas = (entry: CountedStep): CounterDeltas => {
  const total: Record<string, number> = {};
  const month: Record<string, number> = {};
  if (entry.fromStatus !== entry.toStatus) {
    if (entry.fromStatus) total[statusCounter(entry.fromStatus)] = -1;
    total[statusCounter(entry.toStatus)] = 1;
  }
  const event = eventCounters[entry.action];
  if (event) {
    total[event] = 1;
    month[event] = 1;
  }
  return { total, month, monthKey: entry.at.slice(0, 7) };
};

/** The change to count for a stored change of a complaint: one per new timeline entry, none otherwise. */
export const countedChangeOf = (
  before: { status: string; timelineSeq: number } | undefined,
  after: { trackingNumber: string; merchantId: string; status: string; timelineSeq: number; lastAction?: TimelineEntry['action']; lastActionAt?: string; filedAt: string } | undefined,
): CountedChange | undefined => {
  if (!after?.lastAction || after.timelineSeq === before?.timelineSeq) return undefined;
  return {
    trackingNumber: after.trackingNumber,
    seq: after.timelineSeq,
    merchantId: after.merchantId,
    step: {
      action: after.lastAction,
      fromStatus: before?.status as CountedStep['fromStatus'],
      toStatus: after.status as CountedStep['toStatus'],
      at: after.lastActionAt ?? after.filedAt,
    },
  };
};

/** The counters a set of changes moves, merged per scope and period: `{ "<scope>|<period>": { counter: delta } }`. */
export const mergedDeltas = (changes: readonly CountedChange[]): Map<string, { scope: string; period: string; counts: Record<string, number> }> => {
  const merged = new Map<string, { scope: string; period: string; counts: Record<string, number> }>();
  const add = (scope: string, period: string, counts: Record<string, number>) => {
    const key = `${scope}|${period}`;
    const entry = merged.get(key) ?? { scope, period, counts: {} };
    for (const [name, delta] of Object.entries(counts)) entry.counts[name] = (entry.counts[name] ?? 0) + delta;
    merged.set(key, entry);
  };
  for (const change of changes) {
    const deltas = counterDeltas(change.step);
    for (const scope of ['ALL', `MERCHANT#${change.merchantId}`]) {
      add(scope, 'TOTAL', deltas.total);
      if (Object.keys(deltas.month).length > 0) add(scope, `MONTH#${deltas.monthKey}`, deltas.month);
    }
  }
  // A status left and entered within the same set cancels out; counters that do not move are not written.
  for (const [key, entry] of merged) {
    entry.counts = Object.fromEntries(Object.entries(entry.counts).filter(([, delta]) => delta !== 0));
    if (Object.keys(entry.counts).length === 0) merged.delete(key);
  }
  return merged;
};
