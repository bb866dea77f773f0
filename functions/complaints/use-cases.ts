/** What consumers and the public do with complaints, written against the ports only. */
import { fileComplaint, type Complaint, type FileComplaintRequest } from '../domain/complaint';
import type { Clock } from '../domain/clock';
import { IdentityRequiredError, NotFoundError } from '../domain/errors';
import {
  DuplicateTrackingNumberError,
  type ComplaintRepository,
  type ConsumerProfiles,
  type MerchantDirectory,
  type PageRequest,
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

/** The public view of a complaint: status, deadlines and timeline, without the consumer's personal data. */
export const publicComplaintView = (complaint: Complaint, timeline: TimelineEntry[]) => ({
  trackingNumber: complaint.trackingNumber,
  status: complaint.status,
  merchantId: complaint.merchantId,
  category: complaint.category,
  remedySought: complaint.remedySought,
  filedAt: complaint.filedAt,
  deadlines: {
    merchantResponse: complaint.merchantDeadline,
    acknowledgementReminder: complaint.acknowledgementReminderAt,
    autoSettlement: complaint.autoSettleAt,
    reopenWindowEnds: complaint.reopenWindowEndsAt,
  },
  escalation: complaint.escalatedAt ? { at: complaint.escalatedAt, reason: complaint.escalationReason } : undefined,
  timeline: timeline.map(({ seq, at, actor, action, fromStatus, toStatus, note, hash }) => ({
    seq,
    at,
    actor,
    action,
    fromStatus,
    toStatus,
    note,
    hash,
  })),
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

/** A regulator's case record: everything, with the timeline and whether its hash chain holds. */
export const regulatorCaseView = (complaint: Complaint, timeline: TimelineEntry[]) => ({
  complaint,
  timeline,
  timelineVerification: verifyTimeline(complaint.trackingNumber, timeline),
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
    return { ...merchantComplaintView(found.complaint), timeline: publicComplaintView(found.complaint, found.timeline).timeline };
  },
});

export const regulatorCaseUseCase = (complaints: ComplaintRepository) => async (trackingNumber: string) => {
  const found = await complaints.getWithTimeline(trackingNumber);
  if (!found) throw new NotFoundError(`No complaint has the tracking number ${trackingNumber}.`);
  return regulatorCaseView(found.complaint, found.timeline);
};

export const consumerComplaintsUseCase = (complaints: ComplaintRepository) => async (consumerId: string, page: PageRequest) => {
  const found = await complaints.listByConsumer(consumerId, page);
  return {
    complaints: found.items.map(({ timelineHead, timelineSeq, ...complaint }) => complaint),
    nextCursor: found.nextCursor,
  };
};
