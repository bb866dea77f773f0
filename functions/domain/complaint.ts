/**
 * The complaint entity: what a consumer files, and the one way to change it (`act`), which applies
 * a lifecycle action and seals a timeline entry for it in the same step.
 */
import * as z from 'zod';
import { categoryIds, findCategory } from './categories';
import { districtField } from './districts';
import { calendarDate } from './dates';
import { InvalidRequestError, TransitionRefusedError } from './errors';
import {
  applyAction,
  merchantDeadlineFrom,
  type ActorRole,
  type LifecycleAction,
  type LifecycleState,
} from './lifecycle';
import { freeText, takaAmount } from './text';
import type { Decision, Hearing } from './decisions';
import { chainEntry, genesisHash, type TimelineDetails, type TimelineEntry } from './timeline';
import { nextTimer, timerFor, type Timer } from './timers';

export const remedies = ['REFUND', 'REPLACEMENT', 'REPAIR', 'DELIVERY', 'COMPENSATION', 'OTHER'] as const;
export const languages = ['bn', 'en'] as const;
export type Language = (typeof languages)[number];
export const paymentMethods = ['CASH_ON_DELIVERY', 'BKASH', 'NAGAD', 'ROCKET', 'CARD', 'BANK', 'OTHER'] as const;
export const contactChannels = ['PHONE', 'EMAIL', 'WEBSITE', 'SOCIAL_MEDIA', 'IN_PERSON', 'OTHER'] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** How the consumer tried the merchant first: the CCMS process requires it before a complaint. */
export const priorContactField = z.strictObject({
  date: calendarDate,
  channel: oneOf(contactChannels),
  /** The merchant's own ticket or case number, if it gave one. */
  ticketNumber: freeText({ max: 100 }).optional(),
  /** What the merchant answered, or that it did not. */
  merchantAnswer: freeText({
    max: 1000,
    minVisible: 2,
    what: 'say what the merchant answered (or that it did not answer)',
  }),
});

/**
 * What the pre-checks read (`POST /v1/complaints/precheck` takes exactly this): enough to tell
 * the consumer, before they write the rest, whether the complaint can be accepted.
 */
export const precheckRequest = z.strictObject({
  merchantId: z.string().trim().min(1, 'choose the merchant').max(64),
  category: z.enum(categoryIds, { error: `must be one of ${categoryIds.join(', ')}` }),
  orderRef: freeText({ max: 100, minVisible: 1, what: 'give the order or reference number' }),
  orderDate: calendarDate,
  /** The day the problem arose (the product arrived broken, the refund was refused); the order date if not given. */
  problemDate: calendarDate.optional(),
  deliveryDistrict: districtField,
  /** Absent: the consumer has not contacted the merchant yet, which the pre-checks refuse. */
  priorContact: priorContactField.optional(),
});
export type PrecheckRequest = z.infer<typeof precheckRequest>;

export const fileComplaintRequest = precheckRequest.extend({
  description: freeText({ max: 5000, minVisible: 20, what: 'describe the problem in at least 20 visible characters' }),
  amount: takaAmount({ max: 100_000_000 }),
  paymentMethod: oneOf(paymentMethods),
  remedySought: oneOf(remedies),
  /** Personal data: stored encrypted, shown to the merchant and the regulator, never to the public. */
  complainantName: freeText({ max: 100, minVisible: 2, what: 'write your name as on your identity document' }),
  language: z.enum(languages).default('bn'),
  /** Optional: where to email updates, besides the SMS to the verified phone. */
  email: z.email({ error: 'must be an email address' }).max(254).optional(),
  /** The consumer agrees that the complaint, with their name and phone, goes to the merchant and the regulators. */
  consent: z.boolean({ error: 'answer whether you agree to share the complaint with the merchant and the regulators' }),
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
  problemDate?: string;
  amount: number;
  paymentMethod?: (typeof paymentMethods)[number];
  deliveryDistrict?: string;
  priorContact?: z.infer<typeof priorContactField>;
  remedySought: (typeof remedies)[number];
  /** The complainant's name, sealed with the personal-data key (the tracking number bound in); never in clear at rest. */
  complainantNameSealed?: string;
  consentedAt?: string;
  language: Language;
  /** The consumer's email address, sealed like the name (KMS, bound to the tracking number). */
  consumerEmailSealed?: string;
  /** In the clear: complaints filed before addresses were sealed only. */
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
  resolution?: {
    remedy: (typeof remedies)[number];
    amount?: number;
    message: string;
    evidence: string[];
    /** The merchant's verified files that go with the proposal, with the SHA-256 each was checked at. */
    attachments?: { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string }[];
    proposedAt: string;
  };
  /** Hearings a regulator scheduled, in order. */
  hearings?: Hearing[];
  /** The regulator's decision, which closed the case. */
  decision?: Decision;
  /** How many messages each party wrote on the complaint, today and in all (functions/domain/conversation.ts). */
  conversation?: import('./conversation').ConversationCounts;
  /** When its personal data and free text were erased (functions/domain/erasure.ts): its consumer's request, or its retention. */
  erasedAt?: string;
}

/** Sets the timer the complaint's new state calls for. */
const withTimer = (complaint: Complaint, at: Date): Complaint => {
  const previous =
    complaint.timer ??
    (complaint.lastTimerSeq
      ? { seq: complaint.lastTimerSeq, dueAt: '', purpose: 'NOTIFY_MERCHANT' as const }
      : undefined);
  const timer = nextTimer(previous, timerFor(complaint, at));
  const { timer: _old, ...rest } = complaint;
  return timer ? { ...rest, timer, lastTimerSeq: timer.seq } : rest;
};

export interface MerchantSummary {
  merchantId: string;
  tradeName: string;
  active: boolean;
  grievanceOfficerEmail?: string;
  /** Shown to a consumer who has not contacted the merchant yet. */
  grievanceOfficer?: { name: string; phone: string; email: string };
  /** Where the merchant ships from: a delivery inside it has the same-city delivery window. */
  district?: string;
  hasWebhook?: boolean;
}

export interface ComplaintChange {
  complaint: Complaint;
  entry: TimelineEntry;
}

/**
 * Files a complaint that passed the pre-checks (functions/domain/filing-rules.ts): the merchant's
 * deadline starts now. The name and the email address arrive sealed; the consent is kept as the
 * moment it was given.
 */
export const fileComplaint = (input: {
  request: FileComplaintRequest;
  consumerId: string;
  trackingNumber: string;
  complainantNameSealed: string;
  /** The email address, sealed; none when the consumer gave none. */
  consumerEmailSealed?: string;
  at: Date;
}): ComplaintChange => {
  const { request, at } = input;
  const merchantResponseDays = findCategory(request.category)!.merchantDeadlineDays;
  const { language, email, complainantName: _clear, consent: _consent, ...details } = request;
  const submitted: Complaint = {
    ...details,
    language,
    ...(email && input.consumerEmailSealed && { consumerEmailSealed: input.consumerEmailSealed }),
    complainantNameSealed: input.complainantNameSealed,
    consentedAt: at.toISOString(),
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
  return {
    complaint: withTimer(
      {
        ...submitted,
        timelineSeq: entry.seq,
        timelineHead: entry.hash,
        lastAction: entry.action,
        lastActionAt: entry.at,
      },
      at,
    ),
    entry,
  };
};

/** The handling is rated once: a second rating is refused. */
const refuseSecondRating = (complaint: Complaint) => {
  if (complaint.rating)
    throw new TransitionRefusedError('You have already rated the handling of this complaint.', complaint.status);
};

/** The consumer rates the handling of a settled complaint, once: a second rating is refused. */
export const rate = (complaint: Complaint, at: Date, score: number, comment?: string): ComplaintChange => {
  refuseSecondRating(complaint);
  const change = act(complaint, 'RATE', 'consumer', at, comment);
  return {
    ...change,
    complaint: { ...change.complaint, rating: { score, ...(comment && { comment }), ratedAt: at.toISOString() } },
  };
};

/** The consumer's answer to "was it resolved?" after an automatic settlement. */
export interface SurveyAnswer {
  resolved: boolean;
  /** A rating of the handling, if not rated yet (a second one is not taken). */
  score?: number;
  comment?: string;
  /** What is still wrong: needed when "not resolved" reopens the complaint. */
  reason?: string;
}

/**
 * Records the answer to the survey of the complaint's automatic settlement, once. "Not resolved"
 * within the reopen window reopens the complaint (the answer recorded with the reopening, which
 * then needs a reason); after it, it is recorded as an answer. A score rates the handling if it
 * was not rated yet.
 */
export const answerSurvey = (complaint: Complaint, at: Date, answer: SurveyAnswer): ComplaintChange => {
  applyAction(complaint, 'ANSWER_SURVEY', 'consumer', at);
  const survey = { resolved: answer.resolved, answeredAt: at.toISOString(), settledAt: complaint.settledAt! };
  const rating =
    answer.score !== undefined && !complaint.rating
      ? { score: answer.score, ...(answer.comment && { comment: answer.comment }), ratedAt: at.toISOString() }
      : undefined;
  const details = { resolved: answer.resolved ? 'YES' : 'NO', ...(rating && { score: rating.score }) };
  if (!answer.resolved && permits(complaint, 'REOPEN', 'consumer', at)) {
    if (!answer.reason)
      throw new InvalidRequestError('Say what is still wrong: your answer reopens the complaint.', {
        reason: 'say in at least 10 characters what is still wrong',
      });
    return act(complaint, 'REOPEN', 'consumer', at, {
      note: answer.reason,
      details,
      with: { survey, ...(rating && { rating }) },
    });
  }
  return act(complaint, 'ANSWER_SURVEY', 'consumer', at, {
    ...((answer.reason ?? answer.comment) && { note: answer.reason ?? answer.comment }),
    details,
    with: { survey, ...(rating && { rating }) },
  });
};

/** Whether `by` may take `action` on `complaint` at `at`: the same rules and windows the action itself applies, so a page offers only what would be accepted. */
export const permits = (complaint: Complaint, action: LifecycleAction, by: ActorRole, at: Date): boolean => {
  try {
    if (action === 'RATE') refuseSecondRating(complaint);
    applyAction(complaint, action, by, at);
    return true;
  } catch (error) {
    if (error instanceof TransitionRefusedError) return false;
    throw error;
  }
};

/** What an action records besides its step: free text, structured facts for the chain, and fields it sets on the complaint (before its timer is chosen). */
export interface ActOptions {
  note?: string;
  details?: TimelineDetails;
  with?: Partial<Complaint>;
}

/** Applies a lifecycle action and records it in the timeline. Throws TransitionRefusedError if the rules say no. A string is the entry's note. */
export const act = (
  complaint: Complaint,
  action: LifecycleAction,
  by: ActorRole,
  at: Date,
  options: string | ActOptions = {},
): ComplaintChange => {
  const { note, details, with: fields } = typeof options === 'string' ? { note: options } : options;
  // An erased complaint is a record of what happened: nothing more happens to it, and no new text joins it.
  if (complaint.erasedAt)
    throw new TransitionRefusedError(
      `Complaint ${complaint.trackingNumber} was erased at its consumer's request or at the end of its retention; it can no longer change.`,
      complaint.status,
    );
  const moved = { ...applyAction(complaint, action, by, at), ...fields };
  const entry = chainEntry(
    {
      at: at.toISOString(),
      actor: by,
      action,
      fromStatus: complaint.status,
      toStatus: moved.status,
      ...(details && { details }),
      note,
    },
    { seq: complaint.timelineSeq, hash: complaint.timelineHead },
  );
  return {
    complaint: withTimer(
      { ...moved, timelineSeq: entry.seq, timelineHead: entry.hash, lastAction: entry.action, lastActionAt: entry.at },
      at,
    ),
    entry,
  };
};

/** The consumer's email address, opened from its seal (or as old complaints kept it); none if they gave none. */
export const consumerEmailOf = (
  personalData: Pick<import('./ports').SecretSealer, 'open'>,
  complaint: Pick<Complaint, 'trackingNumber' | 'consumerEmailSealed' | 'consumerEmail'>,
) =>
  complaint.consumerEmailSealed
    ? personalData.open(complaint.consumerEmailSealed, complaint.trackingNumber)
    : Promise.resolve(complaint.consumerEmail);
