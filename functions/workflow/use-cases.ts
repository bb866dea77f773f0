/**
 * The lifecycle's own moves. `fireTimer` runs when a timer execution wakes; `complaintChanged`
 * runs for every stored change of a complaint (DynamoDB stream) and does what must follow it:
 * start the new timer, stop the old one, tell the merchant, tell the regulators. Both are
 * idempotent: they run at least once, and a repeat changes nothing or republishes.
 */
import { act, type Complaint } from '../domain/complaint';
import {
  complianceOverdueMessage,
  escalationAttributes,
  escalationMessage,
  type ComplianceOverdueMessage,
  type EscalationMessage,
} from '../domain/escalation';
import type { Clock } from '../domain/clock';
import { NotFoundError } from '../domain/errors';
import type { LifecycleAction } from '../domain/lifecycle';
import { consumerMessage, merchantEmail } from '../domain/messages';
import type {
  BusinessEvent,
  CaseRecordIssuer,
  BusinessMetrics,
  ComplaintRepository,
  EmailSender,
  LifecycleWorkflow,
  MerchantDirectory,
  Publisher,
  SmsSender,
  UndeliverableMessage,
  UndeliverableMessages,
  WebhookDispatcher,
} from '../domain/ports';
import { UndeliverableError } from '../domain/ports';
import type { TimelineAction } from '../domain/timeline';
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
  notifications: Publisher;
  escalations: Publisher;
  sms: SmsSender;
  email: EmailSender;
  merchants: MerchantDirectory;
  webhooks: WebhookDispatcher;
  metrics: BusinessMetrics;
  /** Issues the formal case record when a case escalates and when it is decided. */
  caseRecords: CaseRecordIssuer;
  /** The public site, for links to a complaint's tracking page; none when the stage has no site. */
  siteUrl?: string;
}

export const complaintChangedUseCase =
  (deps: ChangeDependencies) =>
  async (before: Complaint | undefined, after: Complaint | undefined): Promise<void> => {
    const trackingNumber = (after ?? before)!.trackingNumber;
    // Start the new timer before stopping the old: a crash in between leaves a stale timer, which does nothing.
    if (after?.timer && after.timer.seq !== before?.timer?.seq)
      await deps.workflow.startTimer(trackingNumber, after.timer);
    if (before?.timer && before.timer.seq !== after?.timer?.seq)
      await deps.workflow.stopTimer(trackingNumber, before.timer);
    // Each stored change is one new timeline entry; what it announces follows from its action.
    if (!after?.lastAction || after.timelineSeq === before?.timelineSeq) return;
    const counted = (businessEventOf as Partial<Record<TimelineAction, BusinessEvent>>)[after.lastAction];
    if (counted) deps.metrics.count(counted);
    const forConsumer = consumerMessage(after.lastAction, after, deps.siteUrl);
    // A message that can never be delivered is kept with the complaint and does not hold up the rest.
    const deliverOrRecord = async (
      channel: UndeliverableMessage['channel'],
      recipient: 'consumer' | 'merchant',
      send: () => Promise<void>,
    ) => {
      try {
        await send();
      } catch (error) {
        if (!(error instanceof UndeliverableError)) throw error;
        await deps.undeliverable.record({
          trackingNumber,
          seq: after.timelineSeq,
          channel,
          recipient,
          reason: error.message,
          at: after.lastActionAt ?? after.filedAt,
        });
        deps.metrics.count('MessagesUndeliverable');
      }
    };
    const about = { trackingNumber, seq: after.timelineSeq };
    if (forConsumer) {
      await deliverOrRecord('sms', 'consumer', () => deps.sms.send(after.consumerId, forConsumer.sms));
      const consumerEmail = after.consumerEmail;
      if (consumerEmail) {
        await deliverOrRecord('email', 'consumer', () =>
          deps.email.send({
            to: consumerEmail,
            subject: forConsumer.subject,
            body: forConsumer.body,
            audience: 'consumer',
            about,
          }),
        );
      }
    }
    const toMerchant = async (type: string) => {
      const notice = {
        type,
        trackingNumber,
        merchantId: after.merchantId,
        category: after.category,
        merchantDeadline: after.merchantDeadline,
      };
      await deps.notifications.publish(notice, { audience: 'merchant', merchantId: after.merchantId, event: type });
      const merchant = await deps.merchants.get(after.merchantId);
      const email = merchantEmail(type, after);
      const officer = merchant?.grievanceOfficerEmail;
      if (email && officer)
        await deliverOrRecord('email', 'merchant', () =>
          deps.email.send({ to: officer, ...email, audience: 'merchant', about }),
        );
      if (merchant?.hasWebhook) {
        await deps.webhooks.dispatch({
          deliveryId: `${trackingNumber}-${after.timelineSeq}`,
          merchantId: after.merchantId,
          event: type,
          trackingNumber,
          payload: notice,
          createdAt: after.lastActionAt ?? after.filedAt,
        });
      }
    };
    switch (after.lastAction) {
      case 'NOTIFY_MERCHANT':
        return toMerchant('complaint.awaiting-merchant');
      case 'REMIND_MERCHANT':
        return toMerchant('complaint.acknowledgement-reminder');
      case 'ESCALATE': {
        await deps.caseRecords.issue(trackingNumber, after.timelineSeq);
        const notice = escalationNotice(after, deps.siteUrl);
        // Regulators' subscriptions filter on these attributes.
        await deps.escalations.publish(notice, escalationAttributes(notice));
        return toMerchant('complaint.escalated');
      }
      case 'SCHEDULE_HEARING':
        return toMerchant('complaint.hearing-scheduled');
      case 'DECIDE':
        await deps.caseRecords.issue(trackingNumber, after.timelineSeq);
        return toMerchant('complaint.decided');
      case 'FLAG_NONCOMPLIANCE': {
        const notice = complianceOverdueNotice(after, deps.siteUrl);
        await deps.escalations.publish(notice, escalationAttributes(notice));
        return toMerchant('complaint.compliance-overdue');
      }
    }
  };
