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

export interface OtpStore {
  get(phone: string): Promise<import('./otp').OtpRecord | undefined>;
  /** Stores `record` only if the stored one is still `previous` (none, or the same sentAt and attempts). */
  put(record: import('./otp').OtpRecord, previous: import('./otp').OtpRecord | undefined): Promise<void>;
}

export interface SourceRateLimiter {
  /** Counts one more request from `source` this hour; throws RateLimitedError past `limit`. */
  consume(source: string, limit: number, now: Date): Promise<void>;
}

export interface SessionStore {
  put(session: import('./session').ConsumerSession): Promise<void>;
  get(tokenHash: string): Promise<import('./session').ConsumerSession | undefined>;
}

export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** The national identity gateway (production) or the fixture verifier (local cloud). */
export interface IdentityVerifier {
  /** True if the document number and date of birth match the national record. */
  verify(document: import('./identity').DocumentKind, number: string, dateOfBirth: string): Promise<boolean>;
}

/** Keyed hashing whose key never leaves the key service (KMS HMAC). */
export interface KeyedHasher {
  hash(value: string): Promise<string>;
}

export interface ConsumerProfile {
  consumerId: string;
  identity?: import('./identity').VerifiedIdentity;
  /** Failed verification attempts on `failedOn` (YYYY-MM-DD). */
  failedAttempts?: number;
  failedOn?: string;
}

export interface ConsumerProfiles {
  get(consumerId: string): Promise<ConsumerProfile | undefined>;
  put(profile: ConsumerProfile): Promise<void>;
}
