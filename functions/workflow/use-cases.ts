/**
 * The steps the lifecycle workflow runs. Each is idempotent: Step Functions retries a step that
 * failed or crashed, so a step re-reads the complaint and carries on from where it stands.
 */
import { act, type Complaint } from '../domain/complaint';
import type { Clock } from '../domain/clock';
import { NotFoundError } from '../domain/errors';
import { awaitingMerchantStatuses } from '../domain/lifecycle';
import type { ComplaintRepository, Publisher } from '../domain/ports';

export interface WorkflowDependencies {
  complaints: ComplaintRepository;
  clock: Clock;
}

/** What the workflow carries between states. */
export type WorkflowState =
  | { trackingNumber: string; outcome: 'WAIT_FOR_MERCHANT'; merchantDeadline: string }
  | { trackingNumber: string; outcome: 'ESCALATED'; escalation: EscalationNotice }
  | { trackingNumber: string; outcome: 'NOTHING_DUE'; status: string };

export interface EscalationNotice {
  type: 'complaint.escalated';
  trackingNumber: string;
  merchantId: string;
  category: string;
  reason: string;
  filedAt: string;
  escalatedAt: string;
  amount: number;
  remedySought: string;
}

const load = async (complaints: ComplaintRepository, trackingNumber: string) => {
  const complaint = await complaints.get(trackingNumber);
  if (!complaint) throw new NotFoundError(`Complaint ${trackingNumber} does not exist.`);
  return complaint;
};

const waitingOrDone = (complaint: Complaint): WorkflowState =>
  awaitingMerchantStatuses.includes(complaint.status) && complaint.merchantDeadline
    ? { trackingNumber: complaint.trackingNumber, outcome: 'WAIT_FOR_MERCHANT', merchantDeadline: complaint.merchantDeadline }
    : { trackingNumber: complaint.trackingNumber, outcome: 'NOTHING_DUE', status: complaint.status };

/** SUBMITTED (or REOPENED) -> AWAITING_MERCHANT, and the merchant is told. */
export const notifyMerchantUseCase =
  (deps: WorkflowDependencies & { notifications: Publisher }) =>
  async (trackingNumber: string): Promise<WorkflowState> => {
    let complaint = await load(deps.complaints, trackingNumber);
    if (complaint.status === 'SUBMITTED' || complaint.status === 'REOPENED') {
      const change = act(complaint, 'NOTIFY_MERCHANT', 'system', deps.clock.now());
      await deps.complaints.save(complaint, change);
      complaint = change.complaint;
    }
    if (complaint.status === 'AWAITING_MERCHANT') {
      // Published after the write: a crash in between is retried and publishes then (at least once).
      await deps.notifications.publish(
        {
          type: 'complaint.awaiting-merchant',
          trackingNumber,
          merchantId: complaint.merchantId,
          category: complaint.category,
          merchantDeadline: complaint.merchantDeadline,
        },
        { audience: 'merchant', merchantId: complaint.merchantId, event: 'complaint.awaiting-merchant' },
      );
    }
    return waitingOrDone(complaint);
  };

const escalationNotice = (complaint: Complaint): EscalationNotice => ({
  type: 'complaint.escalated',
  trackingNumber: complaint.trackingNumber,
  merchantId: complaint.merchantId,
  category: complaint.category,
  reason: complaint.escalationReason ?? 'MERCHANT_DEADLINE_MISSED',
  filedAt: complaint.filedAt,
  escalatedAt: complaint.escalatedAt!,
  amount: complaint.amount,
  remedySought: complaint.remedySought,
});

/**
 * Runs when the merchant deadline Wait ends: escalates if the merchant still owes a response and
 * the deadline has passed; waits again if the deadline moved later; otherwise there is nothing to do.
 */
export const escalateIfOverdueUseCase =
  (deps: WorkflowDependencies) =>
  async (trackingNumber: string): Promise<WorkflowState> => {
    const complaint = await load(deps.complaints, trackingNumber);
    if (complaint.status === 'ESCALATED' && complaint.escalationReason === 'MERCHANT_DEADLINE_MISSED') {
      // A retry after the escalation was written: publish it (again).
      return { trackingNumber, outcome: 'ESCALATED', escalation: escalationNotice(complaint) };
    }
    const now = deps.clock.now();
    const overdue =
      awaitingMerchantStatuses.includes(complaint.status) &&
      complaint.merchantDeadline !== undefined &&
      now.getTime() >= Date.parse(complaint.merchantDeadline);
    if (!overdue) return waitingOrDone(complaint);
    const change = act(complaint, 'ESCALATE', 'system', now, 'The merchant did not resolve the complaint by the deadline.');
    await deps.complaints.save(complaint, change);
    return { trackingNumber, outcome: 'ESCALATED', escalation: escalationNotice(change.complaint) };
  };
