/**
 * Statistics are counters updated in the same transaction as each transition, so reading them
 * costs one item per scope whatever the number of complaints. This module says which counters a
 * transition moves; the repository applies the deltas.
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

export const counterDeltas = (entry: TimelineEntry): CounterDeltas => {
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
