/**
 * The ports the use cases need. AWS adapters implement them in functions/adapters; unit tests
 * implement them in memory. Nothing here knows about AWS.
 */
import type { CaseRecordReason } from './case-record';
import type { CaseSearch } from './case-search';
import type { ExportJob } from './exports';
import type { Complaint, ComplaintChange, MerchantSummary } from './complaint';
import type { OpenComplaintForOrder } from './filing-rules';
import type { OneTapAction, OneTapLink } from './one-tap';
import type { OpenDataIndex, OpenDataRow } from './open-data';
import type { Onboarding, UnlistedSeller, UnlistedSellerReport } from './unlisted-sellers';
import type { TimelineEntry } from './timeline';

export interface ComplaintRepository {
  /**
   * Stores a new complaint and makes it the open complaint of its order at its merchant; throws
   * DuplicateTrackingNumberError if the number is taken, OrderHasOpenComplaintError if the order
   * already has an open complaint (atomically: two filings for one order cannot both succeed).
   */
  create(change: ComplaintChange): Promise<void>;
  /** The open (not closed, not withdrawn) complaint for an order at a merchant, if any. */
  openComplaintForOrder(merchantId: string, orderRef: string): Promise<OpenComplaintForOrder | undefined>;
  get(trackingNumber: string): Promise<Complaint | undefined>;
  getWithTimeline(trackingNumber: string): Promise<{ complaint: Complaint; timeline: TimelineEntry[] } | undefined>;
  /**
   * Writes a change made from `before`, only if nobody else changed the complaint since
   * (the timeline head is the version); throws ConcurrentChangeError otherwise. A change that
   * closes or withdraws the complaint frees its order for a new complaint.
   */
  save(before: Complaint, change: ComplaintChange): Promise<void>;
  /** A merchant's complaints in one status, newest first. */
  listByMerchant(merchantId: string, status: string, page: PageRequest): Promise<Page<Complaint>>;
  /** A consumer's complaints, newest first. */
  listByConsumer(consumerId: string, page: PageRequest): Promise<Page<Complaint>>;
  /**
   * Stores a closed complaint's erasure (functions/domain/erasure.ts): first its timeline entries
   * without their notes, then the complaint, only if nobody changed it since `before` was read
   * (ConcurrentChangeError otherwise). Repeating it after a failure finishes what was begun.
   */
  saveErased(before: Complaint, erased: Complaint, entries: TimelineEntry[]): Promise<void>;
  /** Up to `limit` complaints closed for good in `month` (YYYY-MM) before `before` and not erased, oldest first: their tracking numbers. */
  closedBefore(month: string, before: string, limit: number): Promise<string[]>;
}

/** Escalated cases, found through an index (functions/domain/case-search.ts). */
export interface CaseIndex {
  /**
   * One page of the cases a search matches, newest escalation first. A page may be short, even
   * empty, and still have a next one. Also says how many of the search's index partitions are read.
   */
  search(
    search: CaseSearch,
    page: PageRequest,
  ): Promise<Page<Complaint> & { partitionsDone: number; partitionsTotal: number }>;
}

/** A case record as issued: where its two files are, and the SHA-256 of each. */
export interface IssuedCaseRecord {
  trackingNumber: string;
  version: number;
  reason: CaseRecordReason;
  issuedAt: string;
  json: { key: string; versionId?: string; sha256: string };
  html: { key: string; versionId?: string; sha256: string };
  /** The record's free texts and the salts of their commitments, kept here (erasable) and not in the write-once JSON. */
  texts?: Record<string, import('./case-record').KeptText>;
  /** When its texts and its printable rendering were erased: the JSON stays, and still verifies. */
  erasedAt?: string;
}

/** The issued records of each case (functions/domain/case-record.ts). */
export interface CaseRecordIndex {
  /** Records an issued version; false if that version was already recorded. */
  add(record: IssuedCaseRecord): Promise<boolean>;
  list(trackingNumber: string): Promise<IssuedCaseRecord[]>;
  /** Erases a version's kept free texts and marks its rendering erased. */
  eraseTexts(trackingNumber: string, version: number, at: string): Promise<void>;
}

/** Files that can be erased: every version of every object under a prefix, for good. */
export interface ErasableFiles {
  /** Deletes every version (and delete marker) under the prefix; how many went. */
  eraseAll(prefix: string): Promise<number>;
}

/** Why a complaint's personal data was erased. */
export type ErasureReason = 'CONSUMER_REQUEST' | 'RETENTION';

/** What the erasure log keeps: which complaint, when and why, under the consumer's pseudonym; never personal data. */
export type ErasureLogEntry =
  | { kind: 'COMPLAINT'; trackingNumber: string; at: string; reason: ErasureReason; consumer: string }
  | { kind: 'CONSUMER'; consumer: string; at: string; complaints: number };

/** The complaint's items besides its own and its evidence that hold traces of the consumer, and the erasure log. */
export interface ErasureRecords {
  /** Deletes the complaint's undeliverable messages and its email confirmation. */
  deleteComplaintTraces(trackingNumber: string): Promise<void>;
  /**
   * Ends the regulators' reads of the complaint in the access log (under the case and under each
   * regulator) the retention after `erasedAt`: kept while the data they read was, then as long again.
   */
  expireReads(trackingNumber: string, erasedAt: string): Promise<void>;
  /** Logs an erasure; the entry ends the retention after it. */
  log(entry: ErasureLogEntry): Promise<void>;
}

/** A store of case records' files: the write-once bucket (JSON), or the erasable one (printable HTML). */
export interface CaseRecordFiles {
  put(key: string, body: Buffer, contentType: string): Promise<{ versionId?: string }>;
  get(key: string, versionId?: string): Promise<Buffer | undefined>;
  link(key: string, options: { versionId?: string; contentType: string; expiresInSeconds: number }): Promise<string>;
}

/** Issues a case's record in the background (a workflow execution per version). */
export interface CaseRecordIssuer {
  issue(trackingNumber: string, version: number): Promise<void>;
}

/** Export jobs (functions/domain/exports.ts). */
export interface ExportJobs {
  create(job: ExportJob): Promise<void>;
  get(exportId: string): Promise<ExportJob | undefined>;
  update(
    exportId: string,
    changes: Partial<Omit<ExportJob, 'exportId' | 'requestedBy' | 'search' | 'requestedAt'>>,
  ): Promise<void>;
}

/** Runs an export job in the background (a workflow execution per job). */
export interface ExportRunner {
  start(exportId: string): Promise<void>;
}

/** A file being written in parts, never held whole in memory. */
export interface FileSink {
  write(text: string): Promise<void>;
  /** Completes the file; its size in bytes. */
  finish(): Promise<number>;
  abort(): Promise<void>;
}

/** Reports against sellers not on CCMS, and the sellers they name (functions/domain/unlisted-sellers.ts). */
export interface UnlistedSellers {
  /**
   * Stores a report and counts its reporter (`claimant`: the phone that verified) once for each
   * identifier it names: 409 ALREADY_REPORTED when they reported one of them before, 429 after the
   * day's reports (a Dhaka day). All of it is kept for the stage's retention after the report.
   */
  record(report: UnlistedSellerReport & { consumerId: string }, claimant: string, day: string): Promise<void>;
  sellers(keys: readonly string[]): Promise<UnlistedSeller[]>;
  seller(key: string): Promise<UnlistedSeller | undefined>;
  /** Most reported first. */
  ranked(page: PageRequest): Promise<Page<UnlistedSeller>>;
  /** The reports naming the seller, newest first. */
  reportsOf(key: string, page: PageRequest): Promise<Page<UnlistedSellerReport>>;
  /** Undefined when there is no such seller. */
  setOnboarding(key: string, onboarding: Onboarding): Promise<UnlistedSeller | undefined>;
  /** All the consumer's reports (what their erasure goes through). */
  reportsBy(consumerId: string): Promise<UnlistedSellerReport[]>;
  /** The consumer's `count` latest reports, newest first, and whether they made more. */
  newestReportsBy(consumerId: string, count: number): Promise<{ reports: UnlistedSellerReport[]; more: boolean }>;
  /** Erases the report's text and who made it; the counts stay. */
  erase(report: UnlistedSellerReport, at: string): Promise<void>;
}

/** Each month's open-data rows, as the complaints stand, group by group: merchant, category and district together (functions/domain/open-data.ts). */
export interface OpenDataRows {
  rowsOf(month: string): AsyncIterable<OpenDataRow>;
}

/** Where the open-data files are published. */
export interface OpenDataFiles {
  create(key: string, contentType: string): FileSink;
  readIndex(key: string): Promise<OpenDataIndex | undefined>;
  writeJson(key: string, value: unknown): Promise<void>;
}

export interface ExportFiles {
  create(key: string): FileSink;
  downloadLink(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

export interface PageRequest {
  limit: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export class DuplicateTrackingNumberError extends Error {}

/** The order already has an open complaint at the merchant (found when the filing's write lost the race). */
export class OrderHasOpenComplaintError extends Error {
  constructor(readonly open: OpenComplaintForOrder) {
    super(`The order already has the open complaint ${open.trackingNumber}`);
  }
}

export interface MerchantDirectory {
  get(merchantId: string): Promise<MerchantSummary | undefined>;
}

export interface MerchantRegistry extends MerchantDirectory {
  /** Stores a new merchant; throws AlreadyExistsError if the id is taken. */
  create(merchant: import('./merchant').Merchant): Promise<void>;
  /**
   * Replaces a merchant's grievance officer in its profile and in the public directory, keeping
   * nothing of the earlier one; undefined when no merchant has the id.
   */
  replaceGrievanceOfficer(
    merchantId: string,
    officer: import('./merchant').GrievanceOfficer,
    at: string,
  ): Promise<import('./merchant').Merchant | undefined>;
}

/** A merchant as the public directory lists it. */
export interface ListedMerchant {
  merchantId: string;
  tradeName: string;
  website: string;
  grievanceOfficer: { name: string; phone: string; email: string };
}

/** Finds merchants by name: the whole name or a later word of it, as a prefix. */
export interface MerchantSearch {
  search(query: string, page: PageRequest): Promise<Page<ListedMerchant>>;
}

export interface RegulatorRegistry {
  /** Stores a new regulator; throws AlreadyExistsError if the id is taken. */
  create(regulator: import('./merchant').Regulator): Promise<void>;
}

export interface LifecycleWorkflow {
  /** Starts the execution that waits for this timer; starting it again is a no-op. */
  startTimer(trackingNumber: string, timer: import('./timers').Timer): Promise<void>;
  /** Stops the execution of an earlier timer; stopping one that ended or never started is a no-op. */
  stopTimer(trackingNumber: string, timer: import('./timers').Timer): Promise<void>;
  /**
   * Starts the execution, named by `key`, that sends the consumer's SMS for timeline entry `seq` at
   * `sendAt` (held through quiet hours, functions/domain/quiet-hours.ts); starting one of the same
   * key again is a no-op (it sends the first entry started under that key).
   */
  holdSms(trackingNumber: string, seq: number, sendAt: string, key: string): Promise<void>;
}

export interface MessageAttributes {
  [name: string]: string;
}

export interface Publisher {
  publish(message: object, attributes: MessageAttributes): Promise<void>;
}

export interface OtpStore {
  get(phone: string): Promise<import('./otp').OtpRecord | undefined>;
  /**
   * Stores `record` only if the stored one is still `previous` (none, or the same sentAt and
   * attempts); throws ConcurrentChangeError otherwise. Storing a new code before texting it is
   * what reserves the send: of parallel requests, one wins.
   */
  put(record: import('./otp').OtpRecord, previous: import('./otp').OtpRecord | undefined): Promise<void>;
  /** Undoes a `put(record, previous)` whose SMS could not be sent, if nothing changed since. */
  release(record: import('./otp').OtpRecord, previous: import('./otp').OtpRecord | undefined): Promise<void>;
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
  /**
   * Throws UndeliverableError when the message can never be delivered; any other error may pass on a
   * retry. `reference` (functions/domain/sms.ts) comes back in a provider's delivery report.
   */
  send(phone: string, text: string, reference?: string): Promise<void>;
}

/** A message that retrying cannot deliver (a number the SMS service refuses, a suppressed address). */
export class UndeliverableError extends Error {}

/** A message to a complaint's consumer that could not be delivered, kept with the complaint. */
export interface UndeliverableMessage {
  trackingNumber: string;
  /** The timeline entry the message was about. */
  seq: number;
  channel: 'sms' | 'email';
  /** Who it was for; the consumer when absent. */
  recipient?: 'consumer' | 'merchant';
  reason: string;
  at: string;
}

export interface UndeliverableMessages {
  record(message: UndeliverableMessage): Promise<void>;
  list(trackingNumber: string): Promise<UndeliverableMessage[]>;
}

/** Who a message about a complaint is for, and how it goes: one of the effects of a stored change. */
export interface MessageRoute {
  audience: 'consumer' | 'merchant' | 'regulator';
  channel: 'sms' | 'email' | 'topic';
}

/**
 * What became of each message about a timeline entry: sent, or kept as undeliverable. The change
 * consumer sends only what is not settled here, so a change the stream delivers again (after
 * another of its effects failed) repeats no message; and it counts a message's failed attempts,
 * so one that keeps failing is given up on instead of retried until the whole change is set aside.
 */
export interface SentMessages {
  /** The routes (`audience#channel`) already settled for this entry. */
  settled(trackingNumber: string, seq: number): Promise<Set<string>>;
  /** Records the outcome once; settling an already settled route changes nothing. */
  settle(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    outcome: 'SENT' | 'UNDELIVERABLE',
    at: string,
  ): Promise<void>;
  /** Counts one more failed attempt; answers how many there have been. */
  failed(trackingNumber: string, seq: number, route: MessageRoute, at: string): Promise<number>;
  /**
   * Claims the route before its message is handed over: `CLAIMED`, or `SETTLED` if it has an
   * outcome, or `HELD` if an earlier delivery claimed it and recorded nothing (its send went and
   * only its record failed, or it was interrupted): not sent again, so in doubt.
   */
  claim(trackingNumber: string, seq: number, route: MessageRoute, at: string): Promise<'CLAIMED' | 'SETTLED' | 'HELD'>;
  /** Gives a claim back after the send failed, so a later delivery sends it. */
  release(trackingNumber: string, seq: number, route: MessageRoute): Promise<void>;
  /**
   * Keeps what the provider reported of a sent message, once: `KEPT`; `DELIVERED` or `FAILED`, what
   * an earlier report said; `PENDING` if the message was claimed in the last 2 minutes and its
   * sending is not yet recorded (the report came first); `UNKNOWN` for no such message (never sent,
   * erased, expired, or in doubt for longer).
   */
  reported(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    delivery: 'DELIVERED' | 'FAILED',
    at: string,
  ): Promise<'KEPT' | 'DELIVERED' | 'FAILED' | 'PENDING' | 'UNKNOWN'>;
}

/**
 * Confirmations of consumers' email addresses, one per complaint (functions/domain/email-confirmation.ts):
 * the hash of the token last sent, until when it works, and when the address was confirmed.
 */
export interface EmailConfirmations {
  /** Adds a sent token's hash to those that confirm (an earlier link still works); an address already confirmed stays so (`ALREADY_CONFIRMED`). */
  issue(trackingNumber: string, tokenHash: string, expiresAt: string): Promise<'ISSUED' | 'ALREADY_CONFIRMED'>;
  isConfirmed(trackingNumber: string): Promise<boolean>;
  /** Confirms with a token's hash at `at`: once; again with the same token answers when it was confirmed. */
  confirm(
    trackingNumber: string,
    tokenHash: string,
    at: string,
  ): Promise<{ outcome: 'CONFIRMED' | 'ALREADY_CONFIRMED' | 'EXPIRED' | 'UNKNOWN'; confirmedAt?: string }>;
}

/** One-tap links from SMS (functions/domain/one-tap.ts), found by their code's hash. */
export interface OneTapLinks {
  issue(link: OneTapLink): Promise<void>;
  get(codeHash: string): Promise<OneTapLink | undefined>;
  /**
   * Takes the link for `action` at `at` if it is unused (or still taken by the claim `staleClaim`, a
   * tap cut short before it acted) and its window is open: `TAKEN`, or what it is instead (`USED`,
   * `EXPIRED`, `UNKNOWN`). One of two simultaneous taps wins.
   */
  take(
    codeHash: string,
    action: OneTapAction,
    at: string,
    staleClaim?: string,
  ): Promise<'TAKEN' | 'USED' | 'EXPIRED' | 'UNKNOWN'>;
  /** Marks the link taken at `takenAt` as having acted (at `actedAt`): used for good. */
  acted(codeHash: string, takenAt: string, actedAt: string): Promise<void>;
  /** Gives back a link taken at `at` whose action was then refused (the complaint changed meanwhile). */
  giveBack(codeHash: string, at: string): Promise<void>;
}

/** The key of a route in `SentMessages.settled`. */
export const routeKey = (route: MessageRoute) => `${route.audience}#${route.channel}`;

export interface Email {
  to: string;
  subject: string;
  body: string;
  audience: 'consumer' | 'merchant';
  /** The complaint and timeline entry it is about: a bounce reported later is tied back to them. */
  about?: { trackingNumber: string; seq: number };
}

/** Sends email (Amazon SES). Throws UndeliverableError for a suppressed address or one the service refuses for good. */
export interface EmailSender {
  send(email: Email): Promise<void>;
}

/** Addresses that bounced for good or complained: nothing more is written to them. */
export interface EmailSuppressions {
  isSuppressed(address: string): Promise<boolean>;
  suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT', at: string): Promise<void>;
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
}

/**
 * What a consumer chose to hear: news that can wait (functions/domain/messages.ts canWait) may be
 * stopped; what they must act on or know (codes, deadlines, escalation, decisions) always goes.
 */
export interface MessagePreferences {
  /** Whether the consumer stopped news that can wait; false unless they did. */
  stopsNonEssential(consumerId: string): Promise<boolean>;
  set(consumerId: string, stopNonEssential: boolean, at: string): Promise<void>;
}

export interface ConsumerProfiles {
  get(consumerId: string): Promise<ConsumerProfile | undefined>;
  /**
   * Atomically takes one of `limit` identity checks of `day` (a Dhaka date) for the consumer, before
   * the national register is asked. Returns how many are taken now, or undefined when none was left.
   */
  reserveIdentityCheck(consumerId: string, day: string, limit: number): Promise<number | undefined>;
  /** Gives a check back when the register could not answer at all. */
  releaseIdentityCheck(consumerId: string, day: string): Promise<void>;
  /** Stores the verified identity unless one is already stored; returns the one that is stored. */
  storeIdentity(
    consumerId: string,
    identity: import('./identity').VerifiedIdentity,
  ): Promise<import('./identity').VerifiedIdentity>;
  /** Deletes the consumer's verified identity (not the day's identity-check counts, which their TTL ends): how many items went. */
  erase(consumerId: string): Promise<number>;
}

export interface CredentialStore {
  get(accessKeyId: string): Promise<import('./credentials').StoredCredential | undefined>;
  /** Stores a new active key; throws TooManyKeysError if the principal already has the maximum. */
  create(credential: import('./credentials').StoredCredential): Promise<void>;
  /** Revokes an active key; returns false if it was not active. */
  revoke(accessKeyId: string, at: Date): Promise<boolean>;
}

export class TooManyKeysError extends Error {}

/** Seals secrets so that only this service can open them (KMS, bound to a context). */
export interface SecretSealer {
  seal(secret: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

export interface ReplayGuard {
  /** Remembers a signature until `until`; throws if it was seen before. */
  remember(signature: string, until: Date): Promise<void>;
}

export interface MerchantWebhook {
  url: string;
  sealedSecret: string;
  registeredAt: string;
}

export interface WebhookStore {
  register(merchantId: string, webhook: MerchantWebhook): Promise<void>;
  get(merchantId: string): Promise<MerchantWebhook | undefined>;
  /** Appends an attempt to a delivery's log (creating the log on the first attempt). */
  recordAttempt(
    delivery: Omit<import('./webhooks').WebhookDelivery, 'attempts' | 'status'> & { createdAt?: string },
    attempt: import('./webhooks').WebhookAttempt,
  ): Promise<void>;
  deliveries(merchantId: string, limit: number): Promise<import('./webhooks').WebhookDelivery[]>;
}

/** Starts the delivery workflow for one webhook event; starting the same delivery twice is a no-op. */
export interface WebhookDispatcher {
  dispatch(delivery: {
    deliveryId: string;
    merchantId: string;
    event: string;
    trackingNumber: string;
    payload: object;
    createdAt: string;
  }): Promise<void>;
}

/** Checks, at registration, that a webhook URL leads to an address webhooks may reach; throws RefusedError otherwise. */
export interface WebhookAddressGuard {
  check(url: string): Promise<void>;
}

/** Posts a signed webhook; resolves with the HTTP status, rejects if the receiver could not be reached. */
export interface WebhookPoster {
  post(url: string, headers: Record<string, string>, body: string): Promise<number>;
}

/** One read of a case's personal data by a regulator. */
export interface CaseRead {
  trackingNumber: string;
  regulatorId: string;
  agency: string;
  at: string;
}

/** Who read which case, when: every regulator read of personal data is recorded before it is answered. */
export interface CaseAccessLog {
  record(read: CaseRead): Promise<void>;
  /** Newest first. */
  byCase(trackingNumber: string, page: PageRequest): Promise<Page<CaseRead>>;
  byRegulator(regulatorId: string, page: PageRequest): Promise<Page<CaseRead>>;
}

/** The statistics counters, kept from the stream of changes. */
export interface StatisticsLedger {
  /** Applies the counters of these changes; a change already applied is skipped (the stream delivers at least once). */
  record(changes: readonly import('./statistics').CountedChange[]): Promise<void>;
}

/** Reads statistics counter items: one item per scope and period, whatever the number of complaints. */
export interface StatisticsReader {
  /** The counters of each `<scope>|<period>` asked for (an item never written reads as no counters). */
  read(items: readonly { scope: string; period: string }[]): Promise<Map<string, Record<string, number>>>;
}

/** What operators watch as business metrics (CloudWatch), counted where each happens. */
/** Complaints whose current timer fell due within a window and is still theirs (the timersDue index). */
export interface OverdueTimers {
  list(window: { from: Date; to: Date }, limit: number): Promise<{ trackingNumber: string; dueAt: string }[]>;
}

export type BusinessEvent =
  | 'TimersRearmed'
  | 'ChangesReplayed'
  | 'ComplaintsFiled'
  | 'ComplaintsEscalated'
  | 'ComplaintsSettledByConsumer'
  | 'ComplaintsAutoSettled'
  | 'ComplaintsReopened'
  | 'MessagesUndeliverable'
  /** SMS an aggregator reported delivered to the phone. */
  | 'SmsDelivered'
  /** Messages claimed by an earlier delivery that recorded no outcome: sent or not, unknown; not sent again. */
  | 'MessagesInDoubt';

export interface BusinessMetrics {
  count(event: BusinessEvent): void;
}

/** A complaint's evidence records (the files' metadata and check results; the files are in EvidenceFiles). */
export interface EvidenceStore {
  /**
   * Stores a new PENDING attachment if its party has a free slot and has asked for fewer than
   * `limits.records` files in all (race-safe: two requests for the last slot cannot both have it);
   * throws EvidenceLimitError, saying which limit, otherwise.
   */
  reserve(attachment: import('./evidence').Attachment, limits: { files: number; records: number }): Promise<void>;
  get(trackingNumber: string, attachmentId: string): Promise<import('./evidence').Attachment | undefined>;
  list(trackingNumber: string): Promise<import('./evidence').Attachment[]>;
  /** Records a check's result on a PENDING attachment; a rejection frees its slot. False if it was no longer PENDING. */
  recordCheck(
    attachment: import('./evidence').Attachment,
    outcome: import('./evidence').CheckOutcome,
    at: Date,
  ): Promise<boolean>;
  /** Rejects a VERIFIED attachment whose checked file was replaced (an unversioned bucket only), freeing its slot. */
  rejectReplaced(attachment: import('./evidence').Attachment, at: Date): Promise<void>;
  /** Marks an unused PENDING slot EXPIRED and frees it; false if it changed meanwhile. */
  expire(attachment: import('./evidence').Attachment, at: Date): Promise<boolean>;
  /**
   * Quarantines a PENDING or VERIFIED attachment whose file a malware scan flagged, freeing its
   * slot; false if it changed meanwhile (or was quarantined already).
   */
  quarantine(attachment: import('./evidence').Attachment, at: Date): Promise<boolean>;
  /** Stores an attachment's erasure (functions/domain/erasure.ts): its name gone, its hash and size kept. */
  erase(attachment: import('./evidence').Attachment): Promise<void>;
}

/** No slot is free (`files`), or the party has asked for the most files a complaint keeps records of (`records`). */
export class EvidenceLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'files' | 'records' = 'files',
  ) {
    super(message);
  }
}

/** The storage refuses to serve a file (the bucket denies files a malware scan flagged): it must be quarantined, never read. */
export class FileWithheldError extends Error {}

/** The evidence files themselves (S3). */
export interface EvidenceFiles {
  /** A form the browser posts the file with: the policy pins the key, type and exact size. */
  uploadForm(
    key: string,
    contentType: string,
    size: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; fields: Record<string, string> }>;
  /** Reads an uploaded file once: size, SHA-256, first bytes, and the version read. Undefined if it is gone. */
  inspect(key: string, versionId?: string): Promise<import('./evidence').UploadedFile | undefined>;
  /** Deletes one version of a file (or the file, in an unversioned bucket), for good. */
  remove(key: string, versionId?: string): Promise<void>;
  /** A short-lived link that downloads exactly the checked version. */
  downloadLink(
    key: string,
    options: { versionId?: string; contentType: string; contentDisposition: string; expiresInSeconds: number },
  ): Promise<string>;
}

/** Every onboarded merchant's id, a page at a time (the directory: one item per merchant). */
export interface MerchantIds {
  pages(): AsyncIterable<string[]>;
}

/** A merchant's daily counters (functions/domain/alerts.ts dailyCounters) from one day to another, inclusive, and the first day they were kept. */
export interface MerchantDays {
  read(merchantId: string, from: string, to: string): Promise<import('./alerts').MerchantHistory>;
}

/** A kept alert, and whether the escalations topic has it yet. */
export type KeptAlert = import('./alerts').MerchantAlert & { published: boolean };

/** The alerts raised: each kept once per merchant, rule and week. */
export interface AlertLedger {
  /** Keeps a new alert; false when its merchant, rule and week already have one. */
  raise(alert: import('./alerts').MerchantAlert): Promise<boolean>;
  /** The alert of a merchant, rule and week, if one was raised. */
  get(week: string, ruleId: string, merchantId: string): Promise<KeptAlert | undefined>;
  /** Alerts of these weeks not yet published, raised before `before`. */
  unpublished(weeks: readonly string[], before: string): Promise<KeptAlert[]>;
  markPublished(alert: import('./alerts').MerchantAlert): Promise<void>;
  /** Newest week first; a merchant's alone when `merchantId` is given. */
  list(page: PageRequest, merchantId?: string): Promise<Page<KeptAlert>>;
}

/** What a collective case's list shows of it. */
export interface CollectiveCaseSummary {
  caseId: string;
  merchantId: string;
  title: string;
  status: import('./collective-cases').CollectiveCase['status'];
  createdAt: string;
  decision?: { outcome: import('./decisions').Decision['outcome']; decidedAt: string };
}

/** How far the collective case's hearings and decision have reached its members (written by each run). */
export interface CollectiveProgress {
  runAt: string;
  members: number;
  hearingsScheduled: number;
  decided: number;
  /** Decided on their own before they joined: left as they were. */
  decidedAlone: string[];
  /** Erased before the decision reached them. */
  erased: string[];
  /** No longer before the regulator (withdrawn by their consumers): nothing reached them. */
  closedOtherwise: string[];
  /** Members the run could not bring in line (the run fails after the others, and is retried). */
  failed: string[];
}

export type MemberAdded = 'ADDED' | 'ALREADY_MEMBER' | 'IN_ANOTHER_CASE' | 'DECIDED' | 'FULL' | 'CASE_CHANGED';

/** Collective cases, their members and the complaints' memberships (one collective case each). */
export interface CollectiveCases {
  create(collective: import('./collective-cases').CollectiveCase): Promise<void>;
  get(caseId: string): Promise<import('./collective-cases').CollectiveCase | undefined>;
  /** The collective case a complaint belongs to, if any. */
  membershipOf(trackingNumber: string): Promise<string | undefined>;
  /** Adds a member unless the case was decided or is full, the complaint belongs to a collective case already, or is no longer escalated and undecided. */
  addMember(caseId: string, member: import('./collective-cases').CollectiveMember, cap: number): Promise<MemberAdded>;
  /** Appends a hearing; ConcurrentChangeError when another request changed the case first. */
  addHearing(
    collective: import('./collective-cases').CollectiveCase,
    hearing: import('./decisions').Hearing,
  ): Promise<void>;
  /** Records the decision; ConcurrentChangeError when the case was decided first. */
  decide(
    collective: import('./collective-cases').CollectiveCase,
    decision: import('./decisions').Decision,
  ): Promise<void>;
  members(caseId: string, page: PageRequest): Promise<Page<import('./collective-cases').CollectiveMember>>;
  /** Newest first; one merchant's alone when `merchantId` is given. */
  list(page: PageRequest, merchantId?: string): Promise<Page<CollectiveCaseSummary>>;
  /** Keeps a run's progress unless a run of a later state of the case (a higher `stateRank`) kept its own; false then. */
  recordProgress(caseId: string, progress: CollectiveProgress, stateRank: number): Promise<boolean>;
  progress(caseId: string): Promise<CollectiveProgress | undefined>;
}

/** Starts a run that brings every member in line with the collective case (its hearings and decision). */
export interface CollectiveCaseRunner {
  start(collective: import('./collective-cases').CollectiveCase): Promise<void>;
}

/** Merchants' monthly order counts, each with its trail of corrections. */
export interface OrderCounts {
  get(merchantId: string, month: string): Promise<import('./order-counts').OrderCount | undefined>;
  /** Keeps the month's count; ConcurrentChangeError when another report of the month came first. */
  put(merchantId: string, count: import('./order-counts').OrderCount, replacing?: string): Promise<void>;
  /** The months from `from` to `to` (YYYY-MM) that have a count, oldest first. */
  list(merchantId: string, from: string, to: string): Promise<import('./order-counts').OrderCount[]>;
}
