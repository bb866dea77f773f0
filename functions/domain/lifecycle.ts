/**
 * The complaint lifecycle: statuses, who may move a complaint from which status to which, and the
 * deadline arithmetic. Pure: no I/O, time is passed in. Handlers, workflow tasks and the local
 * cloud all go through `applyAction`, so a rule lives here once.
 */
import { TransitionRefusedError } from './errors';

export const complaintStatuses = [
  'SUBMITTED',
  'AWAITING_MERCHANT',
  'ACKNOWLEDGED',
  'MERCHANT_REPLIED',
  'RESOLUTION_PROPOSED',
  'SETTLED',
  'AUTO_SETTLED',
  'REOPENED',
  'DISPUTED',
  'ESCALATED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export type ActorRole = 'consumer' | 'merchant' | 'regulator' | 'system';

/** Statuses in which the merchant owes a response and the merchant deadline runs. */
export const awaitingMerchantStatuses: readonly ComplaintStatus[] = [
  'AWAITING_MERCHANT',
  'ACKNOWLEDGED',
  'MERCHANT_REPLIED',
];

/** Statuses a complaint never leaves: it no longer holds its order, and a new complaint for the order may be filed. */
export const finalStatuses: readonly ComplaintStatus[] = ['CLOSED', 'WITHDRAWN'];

/**
 * Statuses in which the parties may write to each other on the complaint: from the moment the
 * merchant has it until it is closed or withdrawn (functions/domain/conversation.ts).
 */
export const conversationStatuses: readonly ComplaintStatus[] = [
  ...awaitingMerchantStatuses,
  'RESOLUTION_PROPOSED',
  'SETTLED',
  'AUTO_SETTLED',
  'REOPENED',
  'DISPUTED',
  'ESCALATED',
];

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** Rules from the Bangladesh CCMS process (reference 001) and the SPEC. */
export const lifecycleRules = {
  defaultMerchantResponseDays: 7,
  acknowledgementReminderHours: 72,
  autoSettleAfterDays: 7,
  reopenWindowDays: 15,
  /** The longest the merchant deadline stands still while the merchant waits for the consumer's answer to its one request for information. */
  informationPauseDays: 3,
} as const;

/** How much each party may write on a complaint (functions/domain/conversation.ts). */
export const conversationLimits = {
  perPartyPerDay: 10,
  perPartyTotal: 100,
  /** A message's text; longer belongs in a file. */
  maxLength: 2000,
} as const;

export type LifecycleAction =
  | 'NOTIFY_MERCHANT'
  | 'ACKNOWLEDGE'
  | 'REPLY'
  | 'PROPOSE_RESOLUTION'
  | 'CONFIRM'
  | 'AUTO_SETTLE'
  | 'DISPUTE'
  | 'REOPEN'
  | 'ESCALATE'
  | 'CLOSE'
  | 'DECIDE'
  | 'WITHDRAW'
  | 'REMIND_MERCHANT'
  | 'RATE'
  | 'ANSWER_SURVEY'
  | 'SCHEDULE_HEARING'
  | 'CONFIRM_COMPLIANCE'
  | 'FLAG_NONCOMPLIANCE'
  | 'WRITE_TO_MERCHANT'
  | 'WRITE_TO_CONSUMER'
  | 'REQUEST_INFORMATION'
  | 'ANSWER_INFORMATION_REQUEST'
  | 'RESUME_DEADLINE';

interface ActionRule {
  by: readonly ActorRole[];
  from: readonly ComplaintStatus[];
  /** The status after the action; SAME for actions that are recorded without moving the complaint. */
  to: ComplaintStatus | 'SAME';
}

export const actionRules: Record<LifecycleAction, ActionRule> = {
  NOTIFY_MERCHANT: { by: ['system'], from: ['SUBMITTED', 'REOPENED'], to: 'AWAITING_MERCHANT' },
  ACKNOWLEDGE: { by: ['merchant'], from: ['AWAITING_MERCHANT'], to: 'ACKNOWLEDGED' },
  REPLY: { by: ['merchant'], from: awaitingMerchantStatuses, to: 'MERCHANT_REPLIED' },
  PROPOSE_RESOLUTION: { by: ['merchant'], from: awaitingMerchantStatuses, to: 'RESOLUTION_PROPOSED' },
  CONFIRM: { by: ['consumer'], from: ['RESOLUTION_PROPOSED'], to: 'SETTLED' },
  AUTO_SETTLE: { by: ['system'], from: ['RESOLUTION_PROPOSED'], to: 'AUTO_SETTLED' },
  DISPUTE: { by: ['consumer'], from: ['RESOLUTION_PROPOSED'], to: 'DISPUTED' },
  REOPEN: { by: ['consumer'], from: ['SETTLED', 'AUTO_SETTLED'], to: 'REOPENED' },
  ESCALATE: { by: ['system'], from: [...awaitingMerchantStatuses, 'DISPUTED'], to: 'ESCALATED' },
  CLOSE: { by: ['system'], from: ['SETTLED', 'AUTO_SETTLED'], to: 'CLOSED' },
  DECIDE: { by: ['regulator'], from: ['ESCALATED'], to: 'CLOSED' },
  // The 72-hour rule: a merchant that has not acknowledged is reminded once.
  REMIND_MERCHANT: { by: ['system'], from: ['AWAITING_MERCHANT'], to: 'SAME' },
  // The consumer rates the handling once the complaint is settled.
  RATE: { by: ['consumer'], from: ['SETTLED', 'AUTO_SETTLED', 'CLOSED'], to: 'SAME' },
  // After an automatic settlement the consumer is asked whether it was really resolved: once for each
  // such settlement; "no" within the reopen window reopens instead (functions/domain/complaint.ts answerSurvey).
  ANSWER_SURVEY: { by: ['consumer'], from: ['AUTO_SETTLED', 'CLOSED'], to: 'SAME' },
  // A regulator hears an escalated case (online or in person) before deciding it.
  SCHEDULE_HEARING: { by: ['regulator'], from: ['ESCALATED'], to: 'SAME' },
  // An upheld decision gives the merchant a compliance date: the merchant confirms it complied...
  CONFIRM_COMPLIANCE: { by: ['merchant'], from: ['CLOSED'], to: 'SAME' },
  // ...or, once the date passes without that, the case is flagged to the regulator.
  FLAG_NONCOMPLIANCE: { by: ['system'], from: ['CLOSED'], to: 'SAME' },
  // The parties write to each other on the complaint (functions/domain/conversation.ts keeps the limits).
  WRITE_TO_MERCHANT: { by: ['consumer'], from: conversationStatuses, to: 'SAME' },
  WRITE_TO_CONSUMER: { by: ['merchant'], from: conversationStatuses, to: 'SAME' },
  // The merchant may once ask the consumer for information: its deadline stands still until the
  // consumer answers, or until informationPauseDays pass and the system resumes it.
  REQUEST_INFORMATION: { by: ['merchant'], from: awaitingMerchantStatuses, to: 'SAME' },
  ANSWER_INFORMATION_REQUEST: { by: ['consumer'], from: awaitingMerchantStatuses, to: 'SAME' },
  RESUME_DEADLINE: { by: ['system'], from: awaitingMerchantStatuses, to: 'SAME' },
  WITHDRAW: {
    by: ['consumer'],
    from: ['SUBMITTED', ...awaitingMerchantStatuses, 'RESOLUTION_PROPOSED', 'REOPENED', 'DISPUTED', 'ESCALATED'],
    to: 'WITHDRAWN',
  },
};

/** The part of a complaint the lifecycle reads and writes. Timestamps are ISO-8601 strings. */
export interface LifecycleState {
  status: ComplaintStatus;
  /** Days the merchant has to respond, fixed from the category when the complaint was filed. */
  merchantResponseDays: number;
  merchantDeadline?: string;
  acknowledgementReminderAt?: string;
  autoSettleAt?: string;
  settledAt?: string;
  reopenWindowEndsAt?: string;
  escalatedAt?: string;
  escalationReason?: EscalationReason;
  closedAt?: string;
  reopenCount: number;
  /** What an upheld decision requires of the merchant by a date, and what came of it. */
  compliance?: Compliance;
  /** The merchant's first response (acknowledgement, reply or proposal), and whether it came before the deadline. */
  firstResponseAt?: string;
  firstResponseInTime?: boolean;
  /** How the complaint stands settled: by the consumer's confirmation or automatically; cleared when a reopened complaint escalates or is withdrawn. */
  settledKind?: 'CONFIRMED' | 'AUTO';
  /** When it was first settled: its settlement is counted in that month, however often it is reopened. */
  firstSettledAt?: string;
  /** The consumer's answer to "was it resolved?" after an automatic settlement (the one settled at `settledAt`). */
  survey?: { resolved: boolean; answeredAt: string; settledAt: string };
  /** The merchant's one request for information, while and after the merchant deadline stood still for it. */
  informationRequest?: InformationRequest;
}

export interface InformationRequest {
  requestedAt: string;
  /** When the pause ends without an answer: the deadline runs again from then. */
  answerBy: string;
  /** When the deadline ran again: the consumer's answer, the pause's end, or the merchant's proposal. */
  resumedAt?: string;
  /** Set when it was the consumer's answer that resumed it. */
  answeredAt?: string;
}

/** Whether the merchant deadline stands still, waiting for the consumer's answer to the merchant's request. */
export const deadlinePaused = (state: Pick<LifecycleState, 'informationRequest'>) =>
  state.informationRequest !== undefined && state.informationRequest.resumedAt === undefined;

export interface Compliance {
  dueAt: string;
  /** The merchant confirmed it complied (possibly late). */
  confirmedAt?: string;
  /** The date passed without confirmation: flagged on the case and to the regulators. */
  overdueAt?: string;
}

export type EscalationReason = 'MERCHANT_DEADLINE_MISSED' | 'RESOLUTION_DISPUTED';

/**
 * Deadlines are whole seconds, rounded up: Step Functions Wait states take RFC 3339 timestamps,
 * and rounding up can only make a deadline fire later by under a second, never early.
 */
export const deadlineAfter = (from: Date, ms: number): string => {
  const exact = from.getTime() + ms;
  return new Date(Math.ceil(exact / 1000) * 1000).toISOString().replace('.000Z', 'Z');
};

export const merchantDeadlineFrom = (
  from: Date,
  responseDays: number,
): Pick<LifecycleState, 'merchantDeadline' | 'acknowledgementReminderAt'> => ({
  merchantDeadline: deadlineAfter(from, responseDays * DAY_MS),
  acknowledgementReminderAt: deadlineAfter(from, lifecycleRules.acknowledgementReminderHours * HOUR_MS),
});

const refuse = (state: LifecycleState, message: string): never => {
  throw new TransitionRefusedError(message, state.status);
};

const formatDate = (iso: string) => iso.slice(0, 10);

/** Time rules that make an action refused even from an allowed status. */
const checkTiming = (state: LifecycleState, action: LifecycleAction, at: Date): void => {
  const reached = (deadline: string | undefined) => deadline !== undefined && at.getTime() >= Date.parse(deadline);
  switch (action) {
    case 'REOPEN':
      if (!reached(state.reopenWindowEndsAt)) return;
      return refuse(
        state,
        `The ${lifecycleRules.reopenWindowDays}-day reopen window ended on ${formatDate(state.reopenWindowEndsAt!)}; this complaint can no longer be reopened.`,
      );
    case 'ESCALATE':
      if (state.status !== 'DISPUTED' && deadlinePaused(state))
        return refuse(
          state,
          'The merchant deadline stands still until the consumer answers the request for information.',
        );
      if (state.status === 'DISPUTED' || reached(state.merchantDeadline)) return;
      return refuse(state, `The merchant deadline (${state.merchantDeadline ?? 'none'}) has not passed yet.`);
    case 'AUTO_SETTLE':
      if (reached(state.autoSettleAt)) return;
      return refuse(state, `The consumer has until ${state.autoSettleAt ?? 'an unset time'} to answer the proposal.`);
    case 'REMIND_MERCHANT':
      if (reached(state.acknowledgementReminderAt)) return;
      return refuse(state, 'No acknowledgement reminder is due.');
    case 'CLOSE':
      if (reached(state.reopenWindowEndsAt)) return;
      return refuse(state, `The reopen window runs until ${state.reopenWindowEndsAt ?? 'an unset time'}.`);
    case 'ANSWER_SURVEY':
      if (state.settledKind !== 'AUTO' || !state.settledAt)
        return refuse(state, 'Only a complaint settled automatically asks whether it was resolved.');
      if (state.survey?.settledAt === state.settledAt)
        return refuse(state, 'You have already said whether this complaint was resolved.');
      return;
    case 'REQUEST_INFORMATION':
      if (state.informationRequest)
        return refuse(
          state,
          `The merchant may ask the consumer for information once per complaint, and asked on ${formatDate(state.informationRequest.requestedAt)}; write to the consumer instead.`,
        );
      if (reached(state.merchantDeadline))
        return refuse(state, 'The merchant deadline has passed; it can no longer stand still for a request.');
      return;
    case 'ANSWER_INFORMATION_REQUEST':
      if (deadlinePaused(state)) return;
      return refuse(state, 'The merchant is not waiting for an answer from you; write to the merchant instead.');
    case 'RESUME_DEADLINE':
      if (deadlinePaused(state) && reached(state.informationRequest!.answerBy)) return;
      return refuse(state, 'No paused merchant deadline is due to run again.');
    case 'CONFIRM_COMPLIANCE':
      if (!state.compliance) return refuse(state, 'No decision on this complaint requires anything of the merchant.');
      if (state.compliance.confirmedAt)
        return refuse(state, `Compliance was already confirmed on ${formatDate(state.compliance.confirmedAt)}.`);
      return;
    case 'FLAG_NONCOMPLIANCE':
      if (
        state.compliance &&
        !state.compliance.confirmedAt &&
        !state.compliance.overdueAt &&
        reached(state.compliance.dueAt)
      )
        return;
      return refuse(state, 'No compliance date has passed unconfirmed.');
    default:
      return;
  }
};

/** What each action does to the deadlines and dates, beyond changing the status. */
const effectsOf = (state: LifecycleState, action: LifecycleAction, at: Date): Partial<LifecycleState> => {
  const now = at.toISOString();
  return { ...statusEffectsOf(state, action, at, now), ...recordEffectsOf(state, action, at, now) };
};

/** What the statistics read later: the first response and how the complaint stands settled. */
const recordEffectsOf = (
  state: LifecycleState,
  action: LifecycleAction,
  at: Date,
  now: string,
): Partial<LifecycleState> => {
  switch (action) {
    case 'ACKNOWLEDGE':
    case 'REPLY':
    case 'PROPOSE_RESOLUTION':
    case 'REQUEST_INFORMATION':
      return state.firstResponseAt
        ? {}
        : {
            firstResponseAt: now,
            firstResponseInTime:
              state.merchantDeadline === undefined || at.getTime() <= Date.parse(state.merchantDeadline),
          };
    case 'CONFIRM':
      return { settledKind: 'CONFIRMED', firstSettledAt: state.firstSettledAt ?? now };
    case 'AUTO_SETTLE':
      return { settledKind: 'AUTO', firstSettledAt: state.firstSettledAt ?? now };
    case 'ESCALATE':
    case 'WITHDRAW':
      return { settledKind: undefined };
    default:
      return {};
  }
};

const statusEffectsOf = (
  state: LifecycleState,
  action: LifecycleAction,
  at: Date,
  now: string,
): Partial<LifecycleState> => {
  switch (action) {
    case 'PROPOSE_RESOLUTION':
      return {
        merchantDeadline: undefined,
        acknowledgementReminderAt: undefined,
        autoSettleAt: deadlineAfter(at, lifecycleRules.autoSettleAfterDays * DAY_MS),
        // A proposal ends a pause: the merchant no longer waits for the answer.
        ...(deadlinePaused(state) && { informationRequest: { ...state.informationRequest!, resumedAt: now } }),
      };
    case 'REQUEST_INFORMATION':
      return {
        acknowledgementReminderAt: undefined,
        informationRequest: {
          requestedAt: now,
          answerBy: deadlineAfter(at, lifecycleRules.informationPauseDays * DAY_MS),
        },
      };
    case 'ANSWER_INFORMATION_REQUEST':
      return resumeDeadline(state, at, { answeredAt: now });
    case 'RESUME_DEADLINE':
      return resumeDeadline(state, at);
    case 'ACKNOWLEDGE':
    case 'REMIND_MERCHANT':
      return { acknowledgementReminderAt: undefined };
    case 'CONFIRM':
    case 'AUTO_SETTLE':
      return {
        autoSettleAt: undefined,
        settledAt: now,
        reopenWindowEndsAt: deadlineAfter(at, lifecycleRules.reopenWindowDays * DAY_MS),
      };
    case 'DISPUTE':
      return { autoSettleAt: undefined };
    case 'REOPEN':
      return {
        ...merchantDeadlineFrom(at, state.merchantResponseDays),
        reopenWindowEndsAt: undefined,
        settledAt: undefined,
        reopenCount: state.reopenCount + 1,
      };
    case 'ESCALATE':
      return {
        merchantDeadline: undefined,
        acknowledgementReminderAt: undefined,
        escalatedAt: now,
        escalationReason: state.status === 'DISPUTED' ? 'RESOLUTION_DISPUTED' : 'MERCHANT_DEADLINE_MISSED',
      };
    case 'CLOSE':
    case 'DECIDE':
    case 'WITHDRAW':
      return {
        // A withdrawal ends a pause: nobody waits for the answer any more.
        ...(deadlinePaused(state) && { informationRequest: { ...state.informationRequest!, resumedAt: now } }),
        merchantDeadline: undefined,
        acknowledgementReminderAt: undefined,
        autoSettleAt: undefined,
        reopenWindowEndsAt: undefined,
        closedAt: now,
      };
    case 'CONFIRM_COMPLIANCE':
      return { compliance: { ...state.compliance!, confirmedAt: now } };
    case 'FLAG_NONCOMPLIANCE':
      return { compliance: { ...state.compliance!, overdueAt: now } };
    default:
      return {};
  }
};

/**
 * The merchant deadline runs again, moved on by exactly as long as it stood still (from the request
 * to `at`, and never more than informationPauseDays however late the pause's timer fires), so the
 * merchant loses none of its time and gains no more than the pause.
 */
const resumeDeadline = (
  state: LifecycleState,
  at: Date,
  answer: Pick<InformationRequest, 'answeredAt'> = {},
): Partial<LifecycleState> => {
  const request = state.informationRequest!;
  const stoodStill = Math.min(
    at.getTime() - Date.parse(request.requestedAt),
    lifecycleRules.informationPauseDays * DAY_MS,
  );
  return {
    ...(state.merchantDeadline && {
      merchantDeadline: deadlineAfter(new Date(Date.parse(state.merchantDeadline)), stoodStill),
    }),
    informationRequest: { ...request, resumedAt: at.toISOString(), ...answer },
  };
};

export const isAllowed = (status: ComplaintStatus, action: LifecycleAction, by: ActorRole): boolean => {
  const rule = actionRules[action];
  return rule.by.includes(by) && rule.from.includes(status);
};

/**
 * Applies `action` by `by` at time `at`, returning the new lifecycle state, or throws
 * TransitionRefusedError with a message a person can act on.
 */
export const applyAction = <S extends LifecycleState>(
  state: S,
  action: LifecycleAction,
  by: ActorRole,
  at: Date,
): S => {
  const rule = actionRules[action];
  if (!rule.by.includes(by)) {
    refuse(state, `A ${by} cannot ${describe(action)}.`);
  }
  if (action === 'REOPEN' && state.status === 'CLOSED') {
    refuse(
      state,
      `The ${lifecycleRules.reopenWindowDays}-day reopen window has ended and the complaint is closed; it can no longer be reopened.`,
    );
  }
  if (!rule.from.includes(state.status)) {
    refuse(state, `A complaint that is ${state.status} cannot be ${pastTense(action)}.`);
  }
  checkTiming(state, action, at);
  const next: S = { ...state, ...effectsOf(state, action, at), status: rule.to === 'SAME' ? state.status : rule.to };
  for (const key of Object.keys(next) as (keyof S)[]) {
    if (next[key] === undefined) delete next[key];
  }
  return next;
};

const describe = (action: LifecycleAction) => `${action.toLowerCase().replaceAll('_', ' ')} a complaint`;
const pastTense = (action: LifecycleAction): string =>
  ({
    NOTIFY_MERCHANT: 'sent to the merchant',
    ACKNOWLEDGE: 'acknowledged',
    REPLY: 'replied to',
    PROPOSE_RESOLUTION: 'given a proposed resolution',
    CONFIRM: 'confirmed',
    AUTO_SETTLE: 'auto-settled',
    DISPUTE: 'disputed',
    REOPEN: 'reopened',
    ESCALATE: 'escalated',
    CLOSE: 'closed',
    DECIDE: 'decided',
    WITHDRAW: 'withdrawn',
    REMIND_MERCHANT: 'sent a reminder',
    RATE: 'rated',
    ANSWER_SURVEY: 'asked whether it was resolved',
    SCHEDULE_HEARING: 'given a hearing',
    CONFIRM_COMPLIANCE: 'confirmed as complied with',
    FLAG_NONCOMPLIANCE: 'flagged for non-compliance',
    WRITE_TO_MERCHANT: 'written on',
    WRITE_TO_CONSUMER: 'written on',
    REQUEST_INFORMATION: 'given a request for information',
    ANSWER_INFORMATION_REQUEST: 'given an answer to a request for information',
    RESUME_DEADLINE: 'given its deadline back',
  })[action];
