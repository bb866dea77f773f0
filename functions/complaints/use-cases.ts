/** What consumers and the public do with complaints, written against the ports only. */
import { categoryConfig, offeredCategories } from '../domain/categories';
import { fileComplaint, type Complaint, type FileComplaintRequest } from '../domain/complaint';
import type { Clock } from '../domain/clock';
import { IdentityRequiredError, NotFoundError } from '../domain/errors';
import {
  DuplicateTrackingNumberError,
  type CaseAccessLog,
  type ComplaintRepository,
  type ConsumerProfiles,
  type MerchantDirectory,
  type PageRequest,
  type UndeliverableMessage,
  type UndeliverableMessages,
} from '../domain/ports';
import { maskPhone } from '../domain/phone';
import { verifyTimeline, type TimelineEntry } from '../domain/timeline';
import { newTrackingNumber } from '../domain/tracking-number';

export interface FilingDependencies {
  complaints: ComplaintRepository;
  merchants: MerchantDirectory;
  profiles: ConsumerProfiles;
  clock: Clock;
  randomBytes: (size: number) => Uint8Array;
}

/** Tracking numbers are random; a collision is astronomically rare but must not lose the filing. */
const maxNumberAttempts = 3;

export const fileComplaintUseCase =
  (deps: FilingDependencies) =>
  async (request: FileComplaintRequest, consumerId: string): Promise<Complaint> => {
    const [profile, merchant] = await Promise.all([deps.profiles.get(consumerId), deps.merchants.get(request.merchantId)]);
    if (!profile?.identity) {
      throw new IdentityRequiredError('Verify your identity once (NID, or birth registration if under 18) before filing a complaint.');
    }
    for (let attempt = 1; ; attempt++) {
      const change = fileComplaint({
        request,
        consumerId,
        merchant,
        trackingNumber: newTrackingNumber(deps.randomBytes(9)),
        at: deps.clock.now(),
      });
      try {
        await deps.complaints.create(change);
      } catch (error) {
        if (error instanceof DuplicateTrackingNumberError && attempt < maxNumberAttempts) continue;
        throw error;
      }
      // The stored complaint carries its first timer; the stream of changes starts its workflow.
      return change.complaint;
    }
  };

/** The steps of a timeline as anyone may see them: who acted, what step, when. No free text, which can carry personal data. */
const publicSteps = (timeline: TimelineEntry[]) =>
  timeline.map(({ seq, at, actor, action, fromStatus, toStatus }) => ({ seq, at, actor, action, fromStatus, toStatus }));

/** The steps as the parties to the complaint see them: with the notes they wrote each other, without the chain's hashes. */
const partySteps = (timeline: TimelineEntry[]) =>
  timeline.map(({ seq, at, actor, action, fromStatus, toStatus, note, noteErasedAt }) => ({ seq, at, actor, action, fromStatus, toStatus, note, noteErasedAt }));

/**
 * The public view of a complaint, for anyone holding its tracking number: status, dates, merchant,
 * category and step names only (the escalation's reason is a code).
 */
export const publicComplaintView = (complaint: Complaint, timeline: TimelineEntry[]) => ({
  trackingNumber: complaint.trackingNumber,
  status: complaint.status,
  merchantId: complaint.merchantId,
  category: complaint.category,
  filedAt: complaint.filedAt,
  deadlines: {
    merchantResponse: complaint.merchantDeadline,
    acknowledgementReminder: complaint.acknowledgementReminderAt,
    autoSettlement: complaint.autoSettleAt,
    reopenWindowEnds: complaint.reopenWindowEndsAt,
  },
  // The reason is one of two codes, never free text.
  escalation: complaint.escalatedAt ? { at: complaint.escalatedAt, reason: complaint.escalationReason } : undefined,
  timeline: publicSteps(timeline),
});

export const getComplaintUseCase = (complaints: ComplaintRepository) => async (trackingNumber: string) => {
  const found = await complaints.getWithTimeline(trackingNumber);
  if (!found) throw new NotFoundError(`No complaint has the tracking number ${trackingNumber}.`);
  return publicComplaintView(found.complaint, found.timeline);
};

/** What the merchant sees of its own complaint: the details it must act on, the consumer's phone masked. */
export const merchantComplaintView = (complaint: Complaint) => {
  const { consumerId, consumerEmail, timelineHead, timelineSeq, ...rest } = complaint;
  return { ...rest, consumer: { phone: maskPhone(consumerId) } };
};

/** A regulator's case record: everything, with the timeline, whether its hash chain holds, and the messages that could not be delivered. */
export const regulatorCaseView = (complaint: Complaint, timeline: TimelineEntry[], undeliverableMessages: UndeliverableMessage[] = []) => ({
  complaint,
  timeline,
  timelineVerification: verifyTimeline(complaint.trackingNumber, timeline),
  undeliverableMessages,
});

export const merchantComplaintsUseCase = (complaints: ComplaintRepository) => ({
  list: async (merchantId: string, status: string, page: PageRequest) => {
    const found = await complaints.listByMerchant(merchantId, status, page);
    return { complaints: found.items.map(merchantComplaintView), nextCursor: found.nextCursor };
  },
  /** A merchant reading another merchant's complaint gets the same 404 as for none at all. */
  get: async (merchantId: string, trackingNumber: string) => {
    const found = await complaints.getWithTimeline(trackingNumber);
    if (!found || found.complaint.merchantId !== merchantId) throw new NotFoundError(`You have no complaint with the tracking number ${trackingNumber}.`);
    return { ...merchantComplaintView(found.complaint), timeline: partySteps(found.timeline) };
  },
});

/**
 * A regulator reads escalated cases only (a complaint never escalated answers like none at all),
 * and every read of a case's personal data is in the access log before the data is answered.
 */
export const regulatorCaseUseCase =
  (deps: { complaints: ComplaintRepository; accessLog: CaseAccessLog; undeliverable: UndeliverableMessages; clock: Clock }) =>
  async (regulator: { regulatorId: string; agency: string }, trackingNumber: string) => {
    const found = await deps.complaints.getWithTimeline(trackingNumber);
    if (!found?.complaint.escalatedAt) throw new NotFoundError(`No escalated case has the tracking number ${trackingNumber}.`);
    await deps.accessLog.record({ trackingNumber, regulatorId: regulator.regulatorId, agency: regulator.agency, at: deps.clock.now().toISOString() });
    return regulatorCaseView(found.complaint, found.timeline, await deps.undeliverable.list(trackingNumber));
  };

export const consumerComplaintsUseCase = (complaints: ComplaintRepository) => async (consumerId: string, page: PageRequest) => {
  const found = await complaints.listByConsumer(consumerId, page);
  return {
    complaints: found.items.map(({ timelineHead, timelineSeq, ...complaint }) => complaint),
    nextCursor: found.nextCursor,
  };
};

/** What a filing form needs to know of the categories: labels, help, the merchant's deadline and the filing rules. */
export const categoriesUseCase = () => () => ({
  filingWindowDays: categoryConfig.filingWindowDays,
  deliveryWindowDays: categoryConfig.deliveryWindowDays,
  categories: offeredCategories.map(({ id, label, help, merchantDeadlineDays, rules }) => ({ id, label, help, merchantDeadlineDays, rules })),
});
