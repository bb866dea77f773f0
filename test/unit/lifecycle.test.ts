import { describe, expect, it } from 'vitest';
import { TransitionRefusedError } from '../../functions/domain/errors';
import {
  actionRules,
  applyAction,
  complaintStatuses,
  deadlineAfter,
  DAY_MS,
  isAllowed,
  type ActorRole,
  type ComplaintStatus,
  type LifecycleAction,
  type LifecycleState,
} from '../../functions/domain/lifecycle';

const filedAt = new Date('2026-03-01T10:00:00.250Z');
const at = (days: number) => new Date(filedAt.getTime() + days * DAY_MS);

/** A state in `status` whose time rules all pass at `timeFor(action)`, so only the status rule decides. */
const stateIn = (status: ComplaintStatus, action?: LifecycleAction): LifecycleState => ({
  // Answering or ending a pause needs the merchant's request, which would refuse a second request or an escalation.
  ...((action === 'ANSWER_INFORMATION_REQUEST' || action === 'RESUME_DEADLINE') && {
    informationRequest: { requestedAt: at(1).toISOString(), answerBy: deadlineAfter(at(1), 3 * DAY_MS) },
  }),
  status,
  merchantResponseDays: 7,
  merchantDeadline: deadlineAfter(filedAt, 7 * DAY_MS),
  autoSettleAt: deadlineAfter(filedAt, 7 * DAY_MS),
  reopenWindowEndsAt: deadlineAfter(filedAt, 100 * DAY_MS),
  acknowledgementReminderAt: deadlineAfter(filedAt, 3 * DAY_MS),
  reopenCount: 0,
  compliance: { dueAt: deadlineAfter(filedAt, 100 * DAY_MS) },
  settledKind: 'AUTO',
  settledAt: deadlineAfter(filedAt, 7 * DAY_MS),
});

const timeFor = (action: LifecycleAction) =>
  action === 'REOPEN' ? at(50) : action === 'REQUEST_INFORMATION' ? at(1) : at(200);
/** Deadlines round up to the whole second; this is the first instant at or after one. */
const justAfter = (date: Date) => new Date(date.getTime() + 1000);

const actors: ActorRole[] = ['consumer', 'merchant', 'regulator', 'system'];
const actions = Object.keys(actionRules) as LifecycleAction[];

/** The SPEC's lifecycle, written out independently of the rule table. */
const expectedTransitions: Record<string, ComplaintStatus> = {
  'SUBMITTED NOTIFY_MERCHANT system': 'AWAITING_MERCHANT',
  'REOPENED NOTIFY_MERCHANT system': 'AWAITING_MERCHANT',
  'AWAITING_MERCHANT ACKNOWLEDGE merchant': 'ACKNOWLEDGED',
  'AWAITING_MERCHANT REPLY merchant': 'MERCHANT_REPLIED',
  'ACKNOWLEDGED REPLY merchant': 'MERCHANT_REPLIED',
  'MERCHANT_REPLIED REPLY merchant': 'MERCHANT_REPLIED',
  'AWAITING_MERCHANT PROPOSE_RESOLUTION merchant': 'RESOLUTION_PROPOSED',
  'ACKNOWLEDGED PROPOSE_RESOLUTION merchant': 'RESOLUTION_PROPOSED',
  'MERCHANT_REPLIED PROPOSE_RESOLUTION merchant': 'RESOLUTION_PROPOSED',
  'RESOLUTION_PROPOSED CONFIRM consumer': 'SETTLED',
  'RESOLUTION_PROPOSED AUTO_SETTLE system': 'AUTO_SETTLED',
  'RESOLUTION_PROPOSED DISPUTE consumer': 'DISPUTED',
  'SETTLED REOPEN consumer': 'REOPENED',
  'AUTO_SETTLED REOPEN consumer': 'REOPENED',
  'AWAITING_MERCHANT ESCALATE system': 'ESCALATED',
  'ACKNOWLEDGED ESCALATE system': 'ESCALATED',
  'MERCHANT_REPLIED ESCALATE system': 'ESCALATED',
  'DISPUTED ESCALATE system': 'ESCALATED',
  'SETTLED CLOSE system': 'CLOSED',
  'AUTO_SETTLED CLOSE system': 'CLOSED',
  'ESCALATED DECIDE regulator': 'CLOSED',
  'AWAITING_MERCHANT REMIND_MERCHANT system': 'AWAITING_MERCHANT',
  'SETTLED RATE consumer': 'SETTLED',
  'AUTO_SETTLED RATE consumer': 'AUTO_SETTLED',
  'CLOSED RATE consumer': 'CLOSED',
  'AUTO_SETTLED ANSWER_SURVEY consumer': 'AUTO_SETTLED',
  'CLOSED ANSWER_SURVEY consumer': 'CLOSED',
  'ESCALATED SCHEDULE_HEARING regulator': 'ESCALATED',
  'CLOSED CONFIRM_COMPLIANCE merchant': 'CLOSED',
  'CLOSED FLAG_NONCOMPLIANCE system': 'CLOSED',
  ...Object.fromEntries(
    ['AWAITING_MERCHANT', 'ACKNOWLEDGED', 'MERCHANT_REPLIED'].flatMap((status) => [
      [`${status} REQUEST_INFORMATION merchant`, status],
      [`${status} ANSWER_INFORMATION_REQUEST consumer`, status],
      [`${status} RESUME_DEADLINE system`, status],
    ]),
  ),
  // The parties write to each other from the hand-over until the complaint is closed or withdrawn.
  ...Object.fromEntries(
    [
      'AWAITING_MERCHANT',
      'ACKNOWLEDGED',
      'MERCHANT_REPLIED',
      'RESOLUTION_PROPOSED',
      'SETTLED',
      'AUTO_SETTLED',
      'REOPENED',
      'DISPUTED',
      'ESCALATED',
    ].flatMap((status) => [
      [`${status} WRITE_TO_MERCHANT consumer`, status],
      [`${status} WRITE_TO_CONSUMER merchant`, status],
    ]),
  ),
  ...Object.fromEntries(
    [
      'SUBMITTED',
      'AWAITING_MERCHANT',
      'ACKNOWLEDGED',
      'MERCHANT_REPLIED',
      'RESOLUTION_PROPOSED',
      'REOPENED',
      'DISPUTED',
      'ESCALATED',
    ].map((status) => [`${status} WITHDRAW consumer`, 'WITHDRAWN']),
  ),
};

describe('lifecycle transitions', () => {
  const cases = complaintStatuses.flatMap((status) =>
    actions.flatMap((action) =>
      actors.map((actor) => ({ status, action, actor, key: `${status} ${action} ${actor}` })),
    ),
  );

  it.each(cases.filter((c) => c.key in expectedTransitions))('allows $key', ({ status, action, actor, key }) => {
    expect(isAllowed(status, action, actor)).toBe(true);
    expect(applyAction(stateIn(status, action), action, actor, timeFor(action)).status).toBe(expectedTransitions[key]);
  });

  it.each(cases.filter((c) => !(c.key in expectedTransitions)))('refuses $key', ({ status, action, actor }) => {
    expect(isAllowed(status, action, actor)).toBe(false);
    expect(() => applyAction(stateIn(status, action), action, actor, timeFor(action))).toThrow(TransitionRefusedError);
  });

  it('has terminal statuses: WITHDRAWN allows nothing, CLOSED only the rating and what follows a decision', () => {
    for (const action of actions) for (const actor of actors) expect(isAllowed('WITHDRAWN', action, actor)).toBe(false);
    const allowedOnClosed = actions.flatMap((action) =>
      actors.filter((actor) => isAllowed('CLOSED', action, actor)).map((actor) => `${action} ${actor}`),
    );
    expect(allowedOnClosed).toEqual([
      'RATE consumer',
      'ANSWER_SURVEY consumer',
      'CONFIRM_COMPLIANCE merchant',
      'FLAG_NONCOMPLIANCE system',
    ]);
  });

  it('asks whether it was resolved only after an automatic settlement, and takes one answer for each', () => {
    const settled = stateIn('AUTO_SETTLED');
    expect(() => applyAction({ ...settled, settledKind: 'CONFIRMED' }, 'ANSWER_SURVEY', 'consumer', at(8))).toThrow(
      'Only a complaint settled automatically asks whether it was resolved.',
    );
    const answered = {
      ...settled,
      survey: { resolved: true, answeredAt: at(8).toISOString(), settledAt: settled.settledAt! },
    };
    expect(() => applyAction(answered, 'ANSWER_SURVEY', 'consumer', at(9))).toThrow(
      'You have already said whether this complaint was resolved.',
    );
    // Settled automatically again after a reopening: a new settlement, a new question.
    expect(
      applyAction({ ...answered, settledAt: at(30).toISOString() }, 'ANSWER_SURVEY', 'consumer', at(31)).status,
    ).toBe('AUTO_SETTLED');
  });

  it('flags non-compliance only once the date has passed unconfirmed, and takes a late confirmation', () => {
    const decided: LifecycleState = {
      ...stateIn('CLOSED'),
      compliance: { dueAt: deadlineAfter(filedAt, 10 * DAY_MS) },
    };
    expect(() => applyAction(decided, 'FLAG_NONCOMPLIANCE', 'system', at(9.9))).toThrow(
      'No compliance date has passed unconfirmed.',
    );
    const flagged = applyAction(decided, 'FLAG_NONCOMPLIANCE', 'system', at(10.1));
    expect(flagged.compliance).toEqual({ dueAt: decided.compliance!.dueAt, overdueAt: at(10.1).toISOString() });
    expect(() => applyAction(flagged, 'FLAG_NONCOMPLIANCE', 'system', at(11))).toThrow(
      'No compliance date has passed unconfirmed.',
    );
    const late = applyAction(flagged, 'CONFIRM_COMPLIANCE', 'merchant', at(12));
    expect(late.compliance).toMatchObject({ overdueAt: at(10.1).toISOString(), confirmedAt: at(12).toISOString() });
    expect(() => applyAction(late, 'CONFIRM_COMPLIANCE', 'merchant', at(13))).toThrow(/already confirmed/);
    const confirmedInTime = applyAction(decided, 'CONFIRM_COMPLIANCE', 'merchant', at(5));
    expect(() => applyAction(confirmedInTime, 'FLAG_NONCOMPLIANCE', 'system', at(11))).toThrow(
      'No compliance date has passed unconfirmed.',
    );
    const { compliance: _none, ...closedWithoutDecision } = decided;
    expect(() => applyAction(closedWithoutDecision, 'CONFIRM_COMPLIANCE', 'merchant', at(5))).toThrow(
      'No decision on this complaint requires anything of the merchant.',
    );
  });

  it('reminds the merchant only once the 72 hours are up, and only once', () => {
    const awaiting = stateIn('AWAITING_MERCHANT');
    expect(() => applyAction(awaiting, 'REMIND_MERCHANT', 'system', at(2.9))).toThrow(
      'No acknowledgement reminder is due.',
    );
    const reminded = applyAction(awaiting, 'REMIND_MERCHANT', 'system', at(3.1));
    expect(reminded).toMatchObject({ status: 'AWAITING_MERCHANT', merchantDeadline: awaiting.merchantDeadline });
    expect(reminded.acknowledgementReminderAt).toBeUndefined();
    expect(() => applyAction(reminded, 'REMIND_MERCHANT', 'system', at(4))).toThrow(
      'No acknowledgement reminder is due.',
    );
  });

  it('names the current status in the refusal', () => {
    const refusal = (() => {
      try {
        applyAction(stateIn('CLOSED'), 'CONFIRM', 'consumer', at(1));
      } catch (error) {
        return error as TransitionRefusedError;
      }
    })();
    expect(refusal?.currentStatus).toBe('CLOSED');
    expect(refusal?.message).toBe('A complaint that is CLOSED cannot be confirmed.');
  });
});

describe('deadline arithmetic', () => {
  it('rounds deadlines up to the whole second, never down', () => {
    expect(deadlineAfter(new Date('2026-03-01T10:00:00.250Z'), 7 * DAY_MS)).toBe('2026-03-08T10:00:01Z');
    expect(deadlineAfter(new Date('2026-03-01T10:00:00.000Z'), 7 * DAY_MS)).toBe('2026-03-08T10:00:00Z');
  });

  it('does not escalate a second before the merchant deadline, and does at it', () => {
    const state = { ...stateIn('AWAITING_MERCHANT'), merchantDeadline: '2026-03-08T10:00:01Z' };
    expect(() => applyAction(state, 'ESCALATE', 'system', new Date('2026-03-08T10:00:00.999Z'))).toThrow(
      /has not passed yet/,
    );
    const escalated = applyAction(state, 'ESCALATE', 'system', new Date('2026-03-08T10:00:01Z'));
    expect(escalated).toMatchObject({
      status: 'ESCALATED',
      escalationReason: 'MERCHANT_DEADLINE_MISSED',
      escalatedAt: '2026-03-08T10:00:01.000Z',
    });
    expect(escalated.merchantDeadline).toBeUndefined();
  });

  it('escalates a disputed proposal at once, whatever the deadline', () => {
    const disputed = { ...stateIn('DISPUTED'), merchantDeadline: undefined };
    expect(applyAction(disputed, 'ESCALATE', 'system', at(0)).escalationReason).toBe('RESOLUTION_DISPUTED');
  });

  it('starts the 7-day auto-settlement clock when a resolution is proposed', () => {
    const proposed = applyAction(stateIn('AWAITING_MERCHANT'), 'PROPOSE_RESOLUTION', 'merchant', at(2));
    expect(proposed.autoSettleAt).toBe(deadlineAfter(at(2), 7 * DAY_MS));
    expect(proposed.merchantDeadline).toBeUndefined();
    expect(() => applyAction(proposed, 'AUTO_SETTLE', 'system', at(8.9))).toThrow(/has until/);
    expect(() => applyAction(proposed, 'AUTO_SETTLE', 'system', at(9))).toThrow(/has until/);
    expect(applyAction(proposed, 'AUTO_SETTLE', 'system', justAfter(at(9))).status).toBe('AUTO_SETTLED');
  });

  it('opens a 15-day reopen window on settlement and refuses a reopen after it', () => {
    const proposed = applyAction(stateIn('AWAITING_MERCHANT'), 'PROPOSE_RESOLUTION', 'merchant', at(1));
    const settled = applyAction(proposed, 'CONFIRM', 'consumer', at(2));
    expect(settled.reopenWindowEndsAt).toBe(deadlineAfter(at(2), 15 * DAY_MS));
    expect(applyAction(settled, 'REOPEN', 'consumer', at(16)).status).toBe('REOPENED');
    expect(() => applyAction(settled, 'REOPEN', 'consumer', at(18))).toThrow(
      'The 15-day reopen window ended on 2026-03-18; this complaint can no longer be reopened.',
    );
  });

  it('gives a reopened complaint a fresh merchant deadline from the reopen time, earlier than any older one', () => {
    const settled = {
      ...stateIn('SETTLED'),
      merchantResponseDays: 3,
      reopenWindowEndsAt: deadlineAfter(at(10), 15 * DAY_MS),
    };
    const reopened = applyAction(settled, 'REOPEN', 'consumer', at(12));
    expect(reopened.merchantDeadline).toBe(deadlineAfter(at(12), 3 * DAY_MS));
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.reopenWindowEndsAt).toBeUndefined();
  });

  it('refuses reopening a closed complaint by saying the window has ended', () => {
    expect(() => applyAction(stateIn('CLOSED'), 'REOPEN', 'consumer', at(1))).toThrow(
      'reopen window has ended and the complaint is closed',
    );
  });

  it('does not close a settled complaint before its reopen window ends', () => {
    const settled = { ...stateIn('SETTLED'), reopenWindowEndsAt: deadlineAfter(at(0), 15 * DAY_MS) };
    expect(() => applyAction(settled, 'CLOSE', 'system', at(14))).toThrow(/reopen window runs until/);
    expect(applyAction(settled, 'CLOSE', 'system', justAfter(at(15))).status).toBe('CLOSED');
  });
});
