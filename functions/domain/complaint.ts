/**
 * The complaint entity: what a consumer files, and the one way to change it (`act`), which applies
 * a lifecycle action and seals a timeline entry for it in the same step.
 */
import { z } from 'zod';
import { categoryIds, findCategory } from './categories';
import { calendarDate, dhakaDate } from './dates';
import { FilingRefusedError, TransitionRefusedError } from './errors';
import {
  applyAction,
  merchantDeadlineFrom,
  type ActorRole,
  type LifecycleAction,
  type LifecycleState,
} from './lifecycle';
import { freeText, takaAmount } from './text';
import { chainEntry, genesisHash, type TimelineEntry } from './timeline';
import { nextTimer, timerFor, type Timer } from './timers';

export const remedies = ['REFUND', 'REPLACEMENT', 'REPAIR', 'DELIVERY', 'COMPENSATION', 'OTHER'] as const;
export const languages = ['bn', 'en'] as const;
export type Language = (typeof languages)[number];

export const fileComplaintRequest = z.strictObject({
  merchantId: z.string().trim().min(1, 'choose the merchant').max(64),
  category: z.enum(categoryIds, { error: `must be one of ${categoryIds.join(', ')}` }),
  description: freeText({ max: 5000, minVisible: 20, what: 'describe the problem in at least 20 visible characters' }),
  orderRef: freeText({ max: 100, minVisible: 1, what: 'give the order or reference number' }),
  orderDate: calendarDate,
  amount: takaAmount({ max: 100_000_000 }),
  remedySought: z.enum(remedies, { error: `must be one of ${remedies.join(', ')}` }),
  language: z.enum(languages).default('bn'),
  /** Optional: where to email updates, besides the SMS to the verified phone. */
  email: z.email({ error: 'must be an email address' }).max(254).optional(),
});
export type FileComplaintRequest = z.infer<typeof fileComplaintRequest>;

export interface Complaint extends LifecycleState {
  trackingNumber: string;
  merchantId: string;
  consumerId: string;
  category: string;
  description: string;
  orderRef: string;
  orderDate: string;
  amount: number;
  remedySought: (typeof remedies)[number];
  language: Language;
  consumerEmail?: string;
  filedAt: string;
  /** The seq and hash of the newest timeline entry: the next entry chains to them. */
  timelineSeq: number;
  timelineHead: string;
  /** The next moment the lifecycle acts on its own; absent once nothing is left to wait for. */
  timer?: Timer;
  /** The last timer number ever used, so numbers keep rising after a complaint had none. */
  lastTimerSeq?: number;
  /** The action of the newest timeline entry: what the stream of changes announces. */
  lastAction?: TimelineEntry['action'];
  lastActionAt?: string;
  /** The consumer's rating of the handling, once settled. */
  rating?: { score: number; comment?: string; ratedAt: string };
  /** The merchant's latest proposed resolution. */
  resolution?: { remedy: (typeof remedies)[number]; amount?: number; message: string; evidence: string[]; proposedAt: string };
}

/** Sets the timer the complaint's new state calls for. */
const withTimer = (complaint: Complaint, at: Date): Complaint => {
  const previous = complaint.timer ?? (complaint.lastTimerSeq ? { seq: complaint.lastTimerSeq, dueAt: '', purpose: 'NOTIFY_MERCHANT' as const } : undefined);
  const timer = nextTimer(previous, timerFor(complaint, at));
  const { timer: _old, ...rest } = complaint;
  return timer ? { ...rest, timer, lastTimerSeq: timer.seq } : rest;
};

export interface MerchantSummary {
  merchantId: string;
  tradeName: string;
  active: boolean;
  grievanceOfficerEmail?: string;
  hasWebhook?: boolean;
}

export interface ComplaintChange {
  complaint: Complaint;
  entry: TimelineEntry;
}

export const fileComplaint = (input: {
  request: FileComplaintRequest;
  consumerId: string;
  merchant: MerchantSummary | undefined;
  trackingNumber: string;
  at: Date;
}): ComplaintChange => {
  const { request, merchant, at } = input;
  if (!merchant || !merchant.active) {
    throw new FilingRefusedError('UNKNOWN_MERCHANT', `No active merchant is registered with id "${request.merchantId}".`);
  }
  // "Today" is the consumer's day in Dhaka: an order placed this morning is not in the future.
  if (request.orderDate > dhakaDate(at)) {
    throw new FilingRefusedError('ORDER_DATE_IN_FUTURE', 'The order date is in the future; please check it.');
  }
  const merchantResponseDays = findCategory(request.category)!.merchantDeadlineDays;
  const { language, email, ...details } = request;
  const submitted: Complaint = {
    ...details,
    language,
    ...(email && { consumerEmail: email }),
    trackingNumber: input.trackingNumber,
    consumerId: input.consumerId,
    status: 'SUBMITTED',
    filedAt: at.toISOString(),
    merchantResponseDays,
    ...merchantDeadlineFrom(at, merchantResponseDays),
    reopenCount: 0,
    timelineSeq: 0,
    timelineHead: genesisHash(input.trackingNumber),
  };
  const entry = chainEntry(
    { at: submitted.filedAt, actor: 'consumer', action: 'FILE', toStatus: 'SUBMITTED' },
    { seq: 0, hash: submitted.timelineHead },
  );
  return { complaint: withTimer({ ...submitted, timelineSeq: entry.seq, timelineHead: entry.hash, lastAction: entry.action, lastActionAt: entry.at }, at), entry };
};

/** The consumer rates the handling of a settled complaint, once: a second rating is refused. */
export const rate = (complaint: Complaint, at: Date, score: number, comment?: string): ComplaintChange => {
  if (complaint.rating) throw new TransitionRefusedError('You have already rated the handling of this complaint.', complaint.status);
  const change = act(complaint, 'RATE', 'consumer', at, comment);
  return { ...change, complaint: { ...change.complaint, rating: { score, ...(comment && { comment }), ratedAt: at.toISOString() } } };
};

/** Applies a lifecycle action and records it in the timeline. Throws TransitionRefusedError if the rules say no. */
export const act = (
  complaint: Complaint,
  action: LifecycleAction,
  by: ActorRole,
  at: Date,
  note?: string,
): ComplaintChange => {
  const moved = applyAction(complaint, action, by, at);
  const entry = chainEntry(
    { at: at.toISOString(), actor: by, action, fromStatus: complaint.status, toStatus: moved.status, note },
    { seq: complaint.timelineSeq, hash: complaint.timelineHead },
  );
  return {
    complaint: withTimer({ ...moved, timelineSeq: entry.seq, timelineHead: entry.hash, lastAction: entry.action, lastActionAt: entry.at }, at),
    entry,
  };
};
