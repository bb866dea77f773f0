/**
 * Each open complaint has exactly one timer: the next moment the lifecycle must act on its own.
 * The timer is part of the complaint record, renumbered whenever it changes, so the change and
 * the timer are written together; a workflow execution per timer number waits for it, and one
 * whose number is no longer current does nothing when it wakes.
 */
import {
  deadlinePaused,
  lifecycleRules,
  type ComplaintStatus,
  type LifecycleAction,
  type LifecycleState,
} from './lifecycle';

export const timerPurposes = [
  'NOTIFY_MERCHANT',
  'ACKNOWLEDGEMENT_REMINDER',
  'MERCHANT_DEADLINE',
  'ESCALATE_DISPUTE',
  'AUTO_SETTLEMENT',
  'REOPEN_WINDOW',
  'COMPLIANCE_DUE',
  'INFORMATION_DUE',
] as const;
export type TimerPurpose = (typeof timerPurposes)[number];

export interface Timer {
  seq: number;
  dueAt: string;
  purpose: TimerPurpose;
}

/**
 * A Step Functions Standard execution ends after one year, so no execution waits longer than 300
 * days (a compliance date may be a year ahead): it wakes at `wakeAt`, finds the timer not yet due,
 * and a fresh execution waits the rest. 300 days leaves the waking execution two months for its
 * retries.
 */
export const maxWaitMs = 300 * 86_400_000;

/** When an execution armed at `now` for a timer due at `dueAt` wakes: the due time, or the longest wait allowed. */
export const wakeAtFor = (dueAt: string, now: Date): string =>
  Date.parse(dueAt) - now.getTime() > maxWaitMs ? new Date(now.getTime() + maxWaitMs).toISOString() : dueAt;

/** What a timer execution is started with (statemachines/complaint-lifecycle.asl.json reads it). */
export interface TimerExecutionInput {
  trackingNumber: string;
  timerSeq: number;
  dueAt: string;
  purpose: TimerPurpose;
  /** When this execution wakes: dueAt, or earlier when dueAt is further than maxWaitMs. */
  wakeAt: string;
  /** 0 for the timer's first execution; each fresh execution that takes over counts one more (its name ends -r<round>). */
  round: number;
  /** Times this execution has waited after failing (the state machine hands over to a fresh execution after 400). */
  attempts: number;
}

/** What a timer's execution of a given round starts with, armed at `now`. */
export const timerExecutionInput = (
  trackingNumber: string,
  timer: Timer,
  now: Date,
  round: number,
): TimerExecutionInput => ({
  trackingNumber,
  timerSeq: timer.seq,
  dueAt: timer.dueAt,
  purpose: timer.purpose,
  wakeAt: wakeAtFor(timer.dueAt, now),
  round,
  attempts: 0,
});

/** What the lifecycle does when a timer comes due, and the note its timeline entry carries. */
export const dueAction: Record<TimerPurpose, { action: LifecycleAction; note?: string }> = {
  NOTIFY_MERCHANT: { action: 'NOTIFY_MERCHANT' },
  ACKNOWLEDGEMENT_REMINDER: {
    action: 'REMIND_MERCHANT',
    note: `The merchant has not acknowledged the complaint within ${lifecycleRules.acknowledgementReminderHours} hours.`,
  },
  MERCHANT_DEADLINE: { action: 'ESCALATE', note: 'The merchant did not resolve the complaint by the deadline.' },
  ESCALATE_DISPUTE: { action: 'ESCALATE', note: 'The consumer disputed the proposed resolution.' },
  AUTO_SETTLEMENT: {
    action: 'AUTO_SETTLE',
    note: `The consumer did not answer the proposal within ${lifecycleRules.autoSettleAfterDays} days.`,
  },
  REOPEN_WINDOW: { action: 'CLOSE', note: `The ${lifecycleRules.reopenWindowDays}-day reopen window ended.` },
  COMPLIANCE_DUE: {
    action: 'FLAG_NONCOMPLIANCE',
    note: 'The merchant did not confirm compliance with the decision by its date.',
  },
  INFORMATION_DUE: {
    action: 'RESUME_DEADLINE',
    note: `The consumer did not answer the merchant's request for information within ${lifecycleRules.informationPauseDays} days; the merchant deadline runs again.`,
  },
};

/** Whole seconds, rounded up, for Wait states; "now" for steps that must run at once. */
const atOnce = (at: Date) => new Date(Math.ceil(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The timer a complaint in this state needs, or undefined if nothing is left to wait for. */
export const timerFor = (state: LifecycleState, at: Date): Omit<Timer, 'seq'> | undefined => {
  const due = (dueAt: string | undefined, purpose: TimerPurpose) => (dueAt ? { dueAt, purpose } : undefined);
  const paused = () => (deadlinePaused(state) ? due(state.informationRequest!.answerBy, 'INFORMATION_DUE') : undefined);
  const byStatus: Partial<Record<ComplaintStatus, () => Omit<Timer, 'seq'> | undefined>> = {
    SUBMITTED: () => due(atOnce(at), 'NOTIFY_MERCHANT'),
    REOPENED: () => due(atOnce(at), 'NOTIFY_MERCHANT'),
    // While the deadline stands still for the merchant's request, only the pause's end is waited for.
    // The 72-hour reminder comes first while it is pending and before the deadline.
    AWAITING_MERCHANT: () =>
      paused() ??
      (state.acknowledgementReminderAt &&
      state.merchantDeadline &&
      state.acknowledgementReminderAt < state.merchantDeadline
        ? due(state.acknowledgementReminderAt, 'ACKNOWLEDGEMENT_REMINDER')
        : due(state.merchantDeadline, 'MERCHANT_DEADLINE')),
    ACKNOWLEDGED: () => paused() ?? due(state.merchantDeadline, 'MERCHANT_DEADLINE'),
    MERCHANT_REPLIED: () => paused() ?? due(state.merchantDeadline, 'MERCHANT_DEADLINE'),
    DISPUTED: () => due(atOnce(at), 'ESCALATE_DISPUTE'),
    RESOLUTION_PROPOSED: () => due(state.autoSettleAt, 'AUTO_SETTLEMENT'),
    SETTLED: () => due(state.reopenWindowEndsAt, 'REOPEN_WINDOW'),
    AUTO_SETTLED: () => due(state.reopenWindowEndsAt, 'REOPEN_WINDOW'),
    // A decided case waits for the merchant's compliance only while it is neither confirmed nor flagged.
    CLOSED: () =>
      state.compliance && !state.compliance.confirmedAt && !state.compliance.overdueAt
        ? due(state.compliance.dueAt, 'COMPLIANCE_DUE')
        : undefined,
  };
  return byStatus[state.status]?.();
};

/** Keeps the timer (and its number) if nothing about it changed; otherwise the next number. */
export const nextTimer = (previous: Timer | undefined, wanted: Omit<Timer, 'seq'> | undefined): Timer | undefined => {
  if (!wanted) return undefined;
  if (previous && previous.dueAt === wanted.dueAt && previous.purpose === wanted.purpose) return previous;
  return { ...wanted, seq: (previous?.seq ?? 0) + 1 };
};
