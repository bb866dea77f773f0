/**
 * The lifecycle's own moves. `fireTimer` runs when a timer execution wakes; `complaintChanged`
 * runs for every stored change of a complaint (DynamoDB stream) and does what must follow it:
 * start the new timer, stop the old one, tell the regulators, the merchant and the consumer. Both
 * are idempotent: they run at least once, and a repeat changes nothing and sends nothing again.
 */
import { smsReferenceOf } from '../domain/sms';
import { act, consumerEmailOf, type Complaint } from '../domain/complaint';
import {
  complianceOverdueMessage,
  escalationAttributes,
  escalationMessage,
  type ComplianceOverdueMessage,
  type EscalationMessage,
} from '../domain/escalation';
import type { Clock } from '../domain/clock';
import { emailConfirmationBody, emailConfirmationValidMs, newEmailConfirmation } from '../domain/email-confirmation';
import { NotFoundError } from '../domain/errors';
import type { LifecycleAction } from '../domain/lifecycle';
import { canWait, consumerMessage, merchantEmail, smsLinkFits } from '../domain/messages';
import { textedOnceADay } from '../domain/conversation';
import { newOneTapCode, oneTapOffer } from '../domain/one-tap';
import { heldUntil, waitsForDaytime } from '../domain/quiet-hours';
import { logger } from '../commons/logger';
import type {
  BusinessEvent,
  CaseRecordIssuer,
  BusinessMetrics,
  ComplaintRepository,
  EmailConfirmations,
  EmailSender,
  LifecycleWorkflow,
  MerchantDirectory,
  MessagePreferences,
  MessageRoute,
  OneTapLinks,
  OverdueTimers,
  Publisher,
  SecretSealer,
  SentMessages,
  SmsSender,
  UndeliverableMessages,
  WebhookDispatcher,
} from '../domain/ports';
import { routeKey, UndeliverableError } from '../domain/ports';
import type { TimelineAction, TimelineEntry } from '../domain/timeline';
import { dueAction, type TimerExecutionInput, timerExecutionInput } from '../domain/timers';

export type TimerOutcome =
  | { outcome: 'FIRED'; trackingNumber: string; action: LifecycleAction; status: string }
  | { outcome: 'STALE'; trackingNumber: string }
  /** Woken before the timer is due (waits are capped): the state machine starts `next` as a fresh execution. */
  | { outcome: 'NOT_YET'; trackingNumber: string; next: TimerExecutionInput };

/**
 * Applies what the timer was for, unless a newer timer replaced it. An execution whose wait was
 * capped (`wakeAt` before `dueAt`) answers what the next execution waits for instead. Woken too
 * early otherwise throws (the workflow retries).
 */
export const fireTimerUseCase =
  (deps: { complaints: ComplaintRepository; clock: Clock }) =>
  async (
    trackingNumber: string,
    timerSeq: number,
    execution?: Pick<TimerExecutionInput, 'wakeAt' | 'round'>,
  ): Promise<TimerOutcome> => {
    const complaint = await deps.complaints.get(trackingNumber);
    if (!complaint) throw new NotFoundError(`Complaint ${trackingNumber} does not exist.`);
    if (complaint.timer?.seq !== timerSeq) return { outcome: 'STALE', trackingNumber };
    const timer = complaint.timer;
    if (execution && Date.parse(execution.wakeAt) < Date.parse(timer.dueAt)) {
      const next = timerExecutionInput(trackingNumber, timer, deps.clock.now(), execution.round + 1);
      return { outcome: 'NOT_YET', trackingNumber, next };
    }
    const { action, note } = dueAction[timer.purpose];
    const change = act(complaint, action, 'system', deps.clock.now(), note);
    await deps.complaints.save(complaint, change);
    return { outcome: 'FIRED', trackingNumber, action, status: change.complaint.status };
  };

/** The escalation as regulators receive it (functions/domain/escalation.ts documents it). */
const escalationNotice = (complaint: Complaint, siteUrl: string | undefined): EscalationMessage =>
  escalationMessage.parse({
    schemaVersion: 1,
    type: 'complaint.escalated',
    trackingNumber: complaint.trackingNumber,
    merchantId: complaint.merchantId,
    category: complaint.category,
    ...(complaint.deliveryDistrict && { district: complaint.deliveryDistrict }),
    reason: complaint.escalationReason ?? 'MERCHANT_DEADLINE_MISSED',
    amounts: {
      paid: complaint.amount,
      ...(complaint.resolution?.amount !== undefined && { offered: complaint.resolution.amount }),
    },
    ...(complaint.paymentMethod && { paymentMethod: complaint.paymentMethod }),
    remedySought: complaint.remedySought,
    dates: {
      ordered: complaint.orderDate,
      filed: complaint.filedAt,
      ...(complaint.merchantDeadline && { merchantDeadline: complaint.merchantDeadline }),
      ...(complaint.resolution && { resolutionProposed: complaint.resolution.proposedAt }),
      escalated: complaint.escalatedAt!,
    },
    caseApiPath: `/v1/regulator/cases/${complaint.trackingNumber}`,
    ...(siteUrl && { caseUrl: `${siteUrl}/regulator/cases/${complaint.trackingNumber}` }),
  });

/** An upheld decision not complied with by its date, as regulators receive it. */
const complianceOverdueNotice = (complaint: Complaint, siteUrl: string | undefined): ComplianceOverdueMessage =>
  complianceOverdueMessage.parse({
    schemaVersion: 1,
    type: 'decision.compliance-overdue',
    trackingNumber: complaint.trackingNumber,
    merchantId: complaint.merchantId,
    category: complaint.category,
    ...(complaint.deliveryDistrict && { district: complaint.deliveryDistrict }),
    reason: 'COMPLIANCE_OVERDUE',
    decision: {
      outcome: 'UPHELD',
      decidedAt: complaint.decision!.decidedAt,
      agency: complaint.decision!.decidedBy.agency,
    },
    complianceDueAt: complaint.compliance!.dueAt,
    flaggedAt: complaint.compliance!.overdueAt!,
    caseApiPath: `/v1/regulator/cases/${complaint.trackingNumber}`,
    ...(siteUrl && { caseUrl: `${siteUrl}/regulator/cases/${complaint.trackingNumber}` }),
  });

/** The stored actions that operators count (at least once: a change the stream delivers twice is counted twice). */
const businessEventOf = {
  FILE: 'ComplaintsFiled',
  ESCALATE: 'ComplaintsEscalated',
  CONFIRM: 'ComplaintsSettledByConsumer',
  AUTO_SETTLE: 'ComplaintsAutoSettled',
  REOPEN: 'ComplaintsReopened',
} as const satisfies Partial<Record<TimelineAction, BusinessEvent>>;

export interface ChangeDependencies {
  workflow: LifecycleWorkflow;
  undeliverable: UndeliverableMessages;
  /** What became of each message: only what is not settled there is sent. */
  sentMessages: SentMessages;
  notifications: Publisher;
  escalations: Publisher;
  sms: SmsSender;
  email: EmailSender;
  merchants: MerchantDirectory;
  webhooks: WebhookDispatcher;
  metrics: BusinessMetrics;
  /** Issues the formal case record when a case escalates and when it is decided. */
  caseRecords: CaseRecordIssuer;
  /** Whether the consumer confirmed their address; the filing's email sends the link to confirm it. */
  emailConfirmations: Pick<EmailConfirmations, 'issue' | 'isConfirmed'>;
  /** Whether the consumer stopped news that can wait. */
  messagePreferences: Pick<MessagePreferences, 'stopsNonEssential'>;
  /** Keeps the one-tap links the consumer's SMS carry. */
  oneTapLinks: Pick<OneTapLinks, 'issue'>;
  /** Opens the consumer's sealed email address. */
  personalData: Pick<SecretSealer, 'open'>;
  /** The public site, for links to a complaint's tracking page; none when the stage has no site. */
  siteUrl?: string;
  /**
   * Whether quiet hours hold this complaint's news that can wait: always in AWS; the local cloud
   * may scope them to some merchants (local/start.ts --quiet-hours-for) so that a test's time of day
   * decides nothing for the others.
   */
  quietHoursApply: (complaint: Complaint) => boolean;
}

/**
 * How many deliveries of a change may fail to send an SMS or an email before it is kept as
 * undeliverable and the change goes on without it. Fewer than the stream's retries
 * (functions/catalog.ts streamConsumers), so a message that keeps failing never gets the change
 * set aside.
 */
export const messageAttempts = 5;

/** Some of a change's effects failed (each is in `failures`); the others were done, and the stream retries it. */
export class ChangeEffectsFailed extends Error {
  constructor(
    trackingNumber: string,
    readonly failures: unknown[],
  ) {
    super(
      `${failures.length} effect(s) of a change of complaint ${trackingNumber} failed: ${failures
        .map((failure) => (failure as Error).message)
        .join('; ')}`,
      { cause: failures[0] },
    );
    this.name = 'ChangeEffectsFailed';
  }
}

/**
 * The ways a change's messages go out, for one timeline entry: `once` sends a message unless an
 * earlier delivery of the change did, `toPerson` also keeps one that cannot be delivered.
 * `settled`: the routes already settled for the entry (read once per delivery).
 */
const messageRoutes = (
  deps: Pick<ChangeDependencies, 'sentMessages' | 'undeliverable' | 'metrics'>,
  trackingNumber: string,
  seq: number,
  at: string,
  settled: Set<string>,
) => {
  /**
   * Sends a message unless an earlier delivery of this change did. The route is claimed first:
   * if only the record of a sent message failed, the next delivery finds the claim and does not
   * send it again; a send that fails gives its claim back. A claim with no outcome (the record
   * failed, or the send was interrupted) leaves the message in doubt: never sent twice, counted
   * in MessagesInDoubt, which an alarm watches.
   */
  const once = async (route: MessageRoute, send: () => Promise<void>) => {
    if (settled.has(routeKey(route))) return;
    const claim = await deps.sentMessages.claim(trackingNumber, seq, route, at);
    if (claim === 'HELD') deps.metrics.count('MessagesInDoubt');
    if (claim !== 'CLAIMED') return;
    try {
      await send();
    } catch (error) {
      // The send's own error is the one that matters; a claim that cannot be given back leaves the message in doubt.
      await deps.sentMessages.release(trackingNumber, seq, route).catch(() => deps.metrics.count('MessagesInDoubt'));
      throw error;
    }
    await deps.sentMessages.settle(trackingNumber, seq, route, 'SENT', at);
  };
  /**
   * A message to a person: one that can never be delivered, or that failed `messageAttempts`
   * times, is kept with the complaint as undeliverable and holds nothing up.
   */
  const toPerson = (
    route: MessageRoute & { audience: 'consumer' | 'merchant'; channel: 'sms' | 'email' },
    send: () => Promise<void>,
  ) =>
    once(route, async () => {
      try {
        await send();
        return;
      } catch (error) {
        let reason = (error as Error).message;
        if (!(error instanceof UndeliverableError)) {
          const attempts = await deps.sentMessages.failed(trackingNumber, seq, route, at);
          if (attempts < messageAttempts) throw error;
          reason = `not delivered in ${attempts} attempts: ${reason}`;
        }
        await deps.undeliverable.record({
          trackingNumber,
          seq,
          channel: route.channel,
          recipient: route.audience,
          reason,
          at,
        });
        await deps.sentMessages.settle(trackingNumber, seq, route, 'UNDELIVERABLE', at);
        deps.metrics.count('MessagesUndeliverable');
        settled.add(routeKey(route));
      }
    });
  return { once, toPerson };
};

/**
 * Does what a stored change sets off, in independent units: the timers, then what regulators
 * receive, then the merchant's notices, then the consumer's messages. A unit that fails does not
 * stop the others; the change fails after all were tried, so the stream delivers it again, and the
 * units that were done are not repeated: timers, case records and webhooks are started once by
 * name, and each message is sent only if `sentMessages` has not settled it.
 */
export const complaintChangedUseCase =
  (deps: ChangeDependencies) =>
  async (before: Complaint | undefined, after: Complaint | undefined): Promise<void> => {
    const trackingNumber = (after ?? before)!.trackingNumber;
    const failures: unknown[] = [];
    const unit = async (effect: () => Promise<void>) => {
      try {
        await effect();
      } catch (error) {
        failures.push(error);
      }
    };
    /** A value a unit needs; undefined (the failure kept) if it cannot be had now. */
    const unitValue = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read();
      } catch (error) {
        failures.push(error);
        return undefined;
      }
    };
    const done = () => {
      if (failures.length > 0) throw new ChangeEffectsFailed(trackingNumber, failures);
    };
    // Start the new timer before stopping the old: a crash in between leaves a stale timer, which does nothing.
    await unit(async () => {
      if (after?.timer && after.timer.seq !== before?.timer?.seq)
        await deps.workflow.startTimer(trackingNumber, after.timer);
      if (before?.timer && before.timer.seq !== after?.timer?.seq)
        await deps.workflow.stopTimer(trackingNumber, before.timer);
    });
    // Each stored change is one new timeline entry; what it announces follows from its action.
    if (!after?.lastAction || after.timelineSeq === before?.timelineSeq) return done();
    const counted = (businessEventOf as Partial<Record<TimelineAction, BusinessEvent>>)[after.lastAction];
    if (counted) deps.metrics.count(counted);
    const seq = after.timelineSeq;
    const at = after.lastActionAt ?? after.filedAt;
    const about = { trackingNumber, seq };
    let settled: Set<string>;
    try {
      settled = await deps.sentMessages.settled(trackingNumber, seq);
    } catch (error) {
      failures.push(error);
      return done();
    }
    const { once, toPerson } = messageRoutes(deps, trackingNumber, seq, at, settled);

    /** Regulators first: the escalation and its record must not wait on anyone's phone. */
    const toRegulators = (notice: EscalationMessage | ComplianceOverdueMessage) =>
      unit(() =>
        // Regulators' subscriptions filter on these attributes.
        once({ audience: 'regulator', channel: 'topic' }, () =>
          deps.escalations.publish(notice, escalationAttributes(notice)),
        ),
      );
    const issueRecord = () => unit(() => deps.caseRecords.issue(trackingNumber, seq));
    const toMerchant = async (type: string, facts: { seq?: number } = {}) => {
      const notice = {
        type,
        trackingNumber,
        merchantId: after.merchantId,
        category: after.category,
        merchantDeadline: after.merchantDeadline,
        ...facts,
      };
      await unit(() =>
        once({ audience: 'merchant', channel: 'topic' }, () =>
          deps.notifications.publish(notice, { audience: 'merchant', merchantId: after.merchantId, event: type }),
        ),
      );
      await unit(async () => {
        const merchant = await deps.merchants.get(after.merchantId);
        const email = merchantEmail(type, after);
        const officer = merchant?.grievanceOfficerEmail;
        if (email && officer)
          await toPerson({ audience: 'merchant', channel: 'email' }, () =>
            deps.email.send({ to: officer, ...email, audience: 'merchant', about }),
          );
        if (merchant?.hasWebhook) {
          await deps.webhooks.dispatch({
            deliveryId: `${trackingNumber}-${seq}`,
            merchantId: after.merchantId,
            event: type,
            trackingNumber,
            payload: notice,
            createdAt: at,
          });
        }
      });
    };
    switch (after.lastAction) {
      case 'NOTIFY_MERCHANT':
        await toMerchant('complaint.awaiting-merchant');
        break;
      case 'REMIND_MERCHANT':
        await toMerchant('complaint.acknowledgement-reminder');
        break;
      case 'ESCALATE':
        await issueRecord();
        await toRegulators(escalationNotice(after, deps.siteUrl));
        await toMerchant('complaint.escalated');
        break;
      case 'SCHEDULE_HEARING':
        await toMerchant('complaint.hearing-scheduled');
        break;
      case 'DECIDE':
        await issueRecord();
        await toMerchant('complaint.decided');
        break;
      case 'FLAG_NONCOMPLIANCE':
        await toRegulators(complianceOverdueNotice(after, deps.siteUrl));
        await toMerchant('complaint.compliance-overdue');
        break;
      // The notice names the entry, never the text (the merchant reads it on the complaint): no
      // consumer's words wait in a topic, a webhook's delivery log or its retries.
      case 'WRITE_TO_MERCHANT':
      case 'ANSWER_INFORMATION_REQUEST':
        await toMerchant('complaint.message', { seq });
        break;
      case 'RESUME_DEADLINE':
        await toMerchant('complaint.deadline-resumed');
        break;
    }
    const forConsumer = consumerMessage(after.lastAction, after, deps.siteUrl);
    // News that can wait goes only to a consumer who has not stopped it (unknown, when the preference
    // cannot be read: the change's retry reads it again).
    const stopped =
      forConsumer && canWait.includes(after.lastAction)
        ? await unitValue(() => deps.messagePreferences.stopsNonEssential(after.consumerId))
        : false;
    if (forConsumer && stopped === false) {
      // The filing's email asks the address's owner to confirm it; later ones go only to a confirmed address.
      const first = after.lastAction === 'FILE';
      const emailRoute = { audience: 'consumer', channel: 'email' } as const;
      const writable =
        after.consumerEmailSealed !== undefined || after.consumerEmail !== undefined
          ? first || (await unitValue(() => deps.emailConfirmations.isConfirmed(trackingNumber)))
          : false;
      const consumerEmail = writable ? await unitValue(() => consumerEmailOf(deps.personalData, after)) : undefined;
      let body = consumerEmail ? forConsumer.body : undefined;
      if (body && first && !settled.has(routeKey(emailRoute))) {
        // Its own unit: a failure to keep the token is not a failed delivery (the email waits for the
        // retry). A retry adds another token; a link an earlier delivery sent still works.
        const { token, tokenHash } = newEmailConfirmation(trackingNumber);
        const expiresAt = new Date(Date.parse(at) + emailConfirmationValidMs).toISOString();
        const issued = await unitValue(() => deps.emailConfirmations.issue(trackingNumber, tokenHash, expiresAt));
        body =
          issued === 'ISSUED'
            ? emailConfirmationBody(after.language, body, deps.siteUrl, token)
            : issued === 'ALREADY_CONFIRMED'
              ? body
              : undefined;
      }
      if (consumerEmail && body)
        await unit(() =>
          toPerson(emailRoute, () =>
            deps.email.send({ to: consumerEmail, subject: forConsumer.subject, body, audience: 'consumer', about }),
          ),
        );
      // The SMS last: whether this entry is emailed is settled before the consumer can hear of it and confirm the address.
      // Of the merchant's messages and replies only the day's first is texted (the rest are emailed and on the page):
      // a merchant cannot ring a consumer's phone ten times a day.
      const sms = textedToday(after) ? forConsumer.sms : undefined;
      const smsRoute = { audience: 'consumer', channel: 'sms' } as const;
      // News that can wait, in quiet hours, is held until the morning: a named execution of its own
      // sends it then (a retry starts the same one), unless a delivery of this change already sent it.
      const sendAt =
        sms !== undefined && waitsForDaytime.includes(after.lastAction) && deps.quietHoursApply(after)
          ? heldUntil(at, trackingNumber)
          : undefined;
      if (sendAt && !settled.has(routeKey(smsRoute)))
        await unit(() =>
          deps.workflow.holdSms(trackingNumber, seq, sendAt, heldSmsKey(after.lastAction!, seq, sendAt)),
        );
      else if (sms !== undefined)
        await unit(() =>
          toPerson(smsRoute, async () =>
            deps.sms.send(
              after.consumerId,
              (await withOneTapLink(deps, after, after.lastAction!, at)) ?? sms,
              smsReferenceOf(trackingNumber, seq, 'consumer'),
            ),
          ),
        );
    }
    done();
  };

/** Whether the consumer is texted of this change: always, but for the merchant's messages and replies after the day's first. */
const textedToday = (complaint: Complaint) =>
  !textedOnceADay.includes(complaint.lastAction ?? '') || (complaint.conversation?.merchant?.today ?? 1) <= 1;

/**
 * The consumer's SMS with a one-tap link in place of the tracking page's, where the change offers one
 * (functions/domain/one-tap.ts) and the site's links fit; undefined where not. Each sending issues its
 * own link (a retried delivery's earlier link works as well: both answer the same moment, and once
 * one is used the complaint has moved on). A link that cannot be kept leaves the tracking page's:
 * the news matters more than the shortcut.
 */
const withOneTapLink = async (
  deps: Pick<ChangeDependencies, 'oneTapLinks' | 'siteUrl'>,
  complaint: Complaint,
  action: TimelineAction,
  at: string,
): Promise<string | undefined> => {
  const offer = oneTapOffer(action, complaint);
  if (!offer || !deps.siteUrl || !smsLinkFits(deps.siteUrl) || offer.expiresAt <= at) return undefined;
  const { code, codeHash } = newOneTapCode();
  try {
    await deps.oneTapLinks.issue({ ...offer, codeHash, issuedAt: at });
  } catch (error) {
    logger.warn('one-tap link not kept; the SMS links to the tracking page', {
      trackingNumber: complaint.trackingNumber,
      error: (error as Error).name,
    });
    return undefined;
  }
  return consumerMessage(action, complaint, deps.siteUrl, code)?.sms;
};

export type HeldSmsOutcome =
  | { outcome: 'SENT' | 'UNDELIVERABLE' }
  /** Sent (or kept as undeliverable, or in doubt) by an earlier run of this task. */
  | { outcome: 'ALREADY_SENT' }
  /**
   * The consumer has seen newer news: they acted on the complaint since, or a later change's SMS
   * went at once (a proposal texted in the night says more than the acknowledgement before it).
   */
  | { outcome: 'SUPERSEDED' }
  /** The consumer stopped news that can wait in the night. */
  | { outcome: 'STOPPED' }
  /** The complaint or its entry is gone (erased), or the entry's SMS never waits for the morning. */
  | { outcome: 'GONE' | 'NOT_HELD' }
  /** Woken in quiet hours (a redrive at night): the state machine waits until `sendAt` and runs the task again. */
  | { outcome: 'NOT_YET'; sendAt: string };

export type HeldSmsDependencies = Pick<
  ChangeDependencies,
  'sentMessages' | 'undeliverable' | 'metrics' | 'sms' | 'oneTapLinks' | 'siteUrl'
> & {
  complaints: Pick<ComplaintRepository, 'getWithTimeline'>;
  messagePreferences: Pick<MessagePreferences, 'stopsNonEssential'>;
  clock: Clock;
};

/**
 * Which held execution an entry's SMS waits in (`<trackingNumber>-<key>-MORNING_SMS`): its own,
 * but the merchant's messages and replies of one night share one, started by the night's first
 * and sending for the night's last (texted once a day by day, once a night by night: the morning
 * does not bring two "the merchant wrote to you").
 */
export const heldSmsKey = (action: TimelineAction, seq: number, sendAt: string) =>
  textedOnceADay.includes(action) ? `n${sendAt.slice(0, 10).replaceAll('-', '')}` : `s${seq}`;

/**
 * The entry whose SMS a held execution started for `entry` sends: the entry itself, or for the
 * merchant's messages and replies the night's last one (same morning), so one written after the
 * consumer acted in the night is still texted.
 */
const heldEntryOf = (entry: TimelineEntry, timeline: TimelineEntry[], trackingNumber: string) => {
  if (!textedOnceADay.includes(entry.action)) return entry;
  const morning = heldUntil(entry.at, trackingNumber);
  return timeline
    .filter(
      (later) =>
        later.seq >= entry.seq &&
        textedOnceADay.includes(later.action) &&
        heldUntil(later.at, trackingNumber) === morning,
    )
    .reduce((last, later) => (later.seq > last.seq ? later : last), entry);
};

/**
 * The morning after quiet hours: sends the consumer's SMS of timeline entry `seq` (or of the
 * night's last message from the merchant, heldEntryOf), held overnight (complaintChangedUseCase),
 * as the change would have: once per entry (the same route the change claims), with a one-tap
 * link where the entry offers one, and kept as undeliverable after `messageAttempts` failures.
 * Its text is made from the complaint as it is now; the actions that wait for the morning read
 * nothing a night can change, and a consumer who has seen newer news in the night is not told
 * old news.
 */
export const sendHeldSmsUseCase =
  (deps: HeldSmsDependencies) =>
  async (trackingNumber: string, startedFor: number): Promise<HeldSmsOutcome> => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    const started = found?.timeline.find((candidate) => candidate.seq === startedFor);
    if (!found?.complaint.consumerId || !started) return { outcome: 'GONE' };
    if (!waitsForDaytime.includes(started.action)) return { outcome: 'NOT_HELD' };
    const now = deps.clock.now().toISOString();
    const later = heldUntil(now, trackingNumber);
    if (later) return { outcome: 'NOT_YET', sendAt: later };
    const { complaint, timeline } = found;
    const entry = heldEntryOf(started, timeline, trackingNumber);
    const { seq } = entry;
    const route = { audience: 'consumer', channel: 'sms' } as const;
    const settled = await deps.sentMessages.settled(trackingNumber, seq);
    if (settled.has(routeKey(route))) return { outcome: 'ALREADY_SENT' };
    const newer = timeline.filter((next) => next.seq > seq);
    if (
      newer.some(
        (next) =>
          next.actor === 'consumer' ||
          (!waitsForDaytime.includes(next.action) && consumerMessage(next.action, complaint)?.sms !== undefined),
      )
    )
      return { outcome: 'SUPERSEDED' };
    if (canWait.includes(entry.action) && (await deps.messagePreferences.stopsNonEssential(complaint.consumerId)))
      return { outcome: 'STOPPED' };
    const sms = consumerMessage(entry.action, complaint, deps.siteUrl)?.sms;
    if (sms === undefined) return { outcome: 'NOT_HELD' };
    const { toPerson } = messageRoutes(deps, trackingNumber, seq, entry.at, settled);
    await toPerson(route, async () =>
      deps.sms.send(
        complaint.consumerId,
        (await withOneTapLink(deps, complaint, entry.action, now)) ?? sms,
        smsReferenceOf(trackingNumber, seq, 'consumer'),
      ),
    );
    // toPerson marks the route settled only when it kept the SMS as undeliverable; SENT also covers
    // a claim found in doubt (counted in MessagesInDoubt, never sent twice).
    return { outcome: settled.has(routeKey(route)) ? 'UNDELIVERABLE' : 'SENT' };
  };

/** How long past its due time a standing timer is taken as lost: its execution fires at the due time and takes seconds. */
export const timerGraceMs = 15 * 60 * 1000;
/** How far back the sweeper looks: a month of due days, so a timer lost while the sweeper itself was down is found too. */
export const sweepLookbackMs = 31 * 24 * 3600 * 1000;
/** The most timers one sweep rearms: the rest are the next run's. */
export const sweepLimit = 100;

/**
 * Finds the complaints whose current timer is overdue (past due by more than the grace, within the
 * lookback) and rearms each; `rearm` leaves alone a timer whose execution still runs. A run may be
 * limited to named complaints (an operator's invoke, the local cloud's tests).
 */
export const sweepTimersUseCase =
  (deps: {
    overdue: OverdueTimers;
    complaints: Pick<ComplaintRepository, 'get'>;
    rearm: (trackingNumber: string) => Promise<{ outcome: string }>;
    metrics: BusinessMetrics;
    clock: Clock;
  }) =>
  async (scope?: { trackingNumbers: string[] }) => {
    const now = deps.clock.now().getTime();
    const window = { from: new Date(now - sweepLookbackMs), to: new Date(now - timerGraceMs) };
    // An operator's run may name the complaints to look at (each read itself); the schedule's looks at all.
    const found = scope
      ? (
          await Promise.all(
            scope.trackingNumbers.slice(0, sweepLimit).map(async (trackingNumber) => {
              const timer = (await deps.complaints.get(trackingNumber))?.timer;
              return timer && Date.parse(timer.dueAt) <= window.to.getTime()
                ? [{ trackingNumber, dueAt: timer.dueAt }]
                : [];
            }),
          )
        ).flat()
      : await deps.overdue.list(window, sweepLimit);
    const rearmed: string[] = [];
    const waiting: string[] = [];
    for (const { trackingNumber } of found) {
      const { outcome } = await deps.rearm(trackingNumber);
      if (outcome === 'REARMED') {
        rearmed.push(trackingNumber);
        deps.metrics.count('TimersRearmed');
      } else if (outcome === 'ALREADY_WAITING') waiting.push(trackingNumber);
    }
    return { overdue: found.length, rearmed, waiting };
  };
