/**
 * The ports the use cases need. AWS adapters implement them in functions/adapters; unit tests
 * implement them in memory. Nothing here knows about AWS.
 */
import type { Complaint, ComplaintChange, MerchantSummary } from './complaint';
import type { TimelineEntry } from './timeline';

export interface ComplaintRepository {
  /** Stores a new complaint; throws DuplicateTrackingNumberError if the number is taken. */
  create(change: ComplaintChange): Promise<void>;
  get(trackingNumber: string): Promise<Complaint | undefined>;
  getWithTimeline(trackingNumber: string): Promise<{ complaint: Complaint; timeline: TimelineEntry[] } | undefined>;
  /**
   * Writes a change made from `before`, only if nobody else changed the complaint since
   * (the timeline head is the version); throws ConcurrentChangeError otherwise.
   */
  save(before: Complaint, change: ComplaintChange): Promise<void>;
}

export class DuplicateTrackingNumberError extends Error {}

export interface MerchantDirectory {
  get(merchantId: string): Promise<MerchantSummary | undefined>;
}

export interface LifecycleWorkflow {
  /** Starts the complaint's workflow; starting it again for the same complaint is a no-op. */
  start(trackingNumber: string): Promise<void>;
}

export interface MessageAttributes {
  [name: string]: string;
}

export interface Publisher {
  publish(message: object, attributes: MessageAttributes): Promise<void>;
}
