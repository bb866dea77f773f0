/** In-memory ports for use-case tests: same contracts as the DynamoDB adapters, no AWS. */
import type { Complaint, ComplaintChange, MerchantSummary } from '../../functions/domain/complaint';
import { ConcurrentChangeError } from '../../functions/domain/errors';
import { orderKey, type OpenComplaintForOrder } from '../../functions/domain/filing-rules';
import { finalStatuses } from '../../functions/domain/lifecycle';
import { isClosedForGood } from '../../functions/domain/erasure';
import {
  DuplicateTrackingNumberError,
  OrderHasOpenComplaintError,
  type BusinessEvent,
  type BusinessMetrics,
  type CaseRecordFiles,
  type CaseRecordIndex,
  type ComplaintRepository,
  type ConsumerProfile,
  type ConsumerProfiles,
  type EmailConfirmations,
  type OneTapLinks,
  type MessagePreferences,
  type ErasableFiles,
  EvidenceLimitError,
  FileWithheldError,
  type EvidenceFiles,
  type EvidenceStore,
  type MerchantDirectory,
  type MessageAttributes,
  type MessageRoute,
  type Publisher,
  routeKey,
  type SentMessages,
  type SecretSealer,
  type IssuedCaseRecord,
} from '../../functions/domain/ports';
import type { VerifiedIdentity } from '../../functions/domain/identity';
import {
  threatsFound,
  uploadAfterCheck,
  type Attachment,
  type CheckOutcome,
  type UploadedFile,
} from '../../functions/domain/evidence';
import { createHash } from 'node:crypto';
import type { OneTapAction, OneTapLink } from '../../functions/domain/one-tap';
import type { TimelineEntry } from '../../functions/domain/timeline';

const orderOf = (merchantId: string, orderRef: string) => `${merchantId}/${orderKey(orderRef)}`;

export class InMemoryComplaints implements ComplaintRepository {
  readonly complaints = new Map<string, Complaint>();
  readonly timelines = new Map<string, TimelineEntry[]>();
  readonly openOrders = new Map<string, OpenComplaintForOrder>();

  async create({ complaint, entry }: ComplaintChange) {
    if (this.complaints.has(complaint.trackingNumber)) throw new DuplicateTrackingNumberError(complaint.trackingNumber);
    const order = orderOf(complaint.merchantId, complaint.orderRef);
    const open = this.openOrders.get(order);
    if (open) throw new OrderHasOpenComplaintError(open);
    this.openOrders.set(order, { trackingNumber: complaint.trackingNumber, consumerId: complaint.consumerId });
    this.complaints.set(complaint.trackingNumber, complaint);
    this.timelines.set(complaint.trackingNumber, [entry]);
  }
  async openComplaintForOrder(merchantId: string, orderRef: string) {
    return this.openOrders.get(orderOf(merchantId, orderRef));
  }
  async get(trackingNumber: string) {
    return this.complaints.get(trackingNumber);
  }
  async getWithTimeline(trackingNumber: string) {
    const complaint = this.complaints.get(trackingNumber);
    return complaint ? { complaint, timeline: this.timelines.get(trackingNumber)! } : undefined;
  }
  async listByMerchant(merchantId: string, status: string) {
    return {
      items: [...this.complaints.values()].filter((c) => c.merchantId === merchantId && c.status === status).reverse(),
    };
  }
  async listByConsumer(consumerId: string) {
    return { items: [...this.complaints.values()].filter((c) => c.consumerId === consumerId).reverse() };
  }
  async save(before: Complaint, { complaint, entry }: ComplaintChange) {
    const stored = this.complaints.get(before.trackingNumber);
    // As the adapter's condition: the same head, and erased (or not) as it was read.
    if (stored?.timelineHead !== before.timelineHead || stored.erasedAt !== before.erasedAt)
      throw new ConcurrentChangeError(before.trackingNumber);
    this.complaints.set(complaint.trackingNumber, complaint);
    this.timelines.get(complaint.trackingNumber)!.push(entry);
    const order = orderOf(complaint.merchantId, complaint.orderRef);
    if (
      finalStatuses.includes(complaint.status) &&
      this.openOrders.get(order)?.trackingNumber === complaint.trackingNumber
    )
      this.openOrders.delete(order);
  }
  async closedBefore(month: string, before: string, limit: number) {
    return [...this.complaints.values()]
      .filter((c) => isClosedForGood(c) && !c.erasedAt && c.closedAt?.startsWith(month) && c.closedAt < before)
      .sort((a, b) => a.closedAt!.localeCompare(b.closedAt!))
      .slice(0, limit)
      .map((c) => c.trackingNumber);
  }
  async saveErased(before: Complaint, erased: Complaint, entries: TimelineEntry[]) {
    const timeline = this.timelines.get(before.trackingNumber)!;
    for (const entry of entries) timeline[timeline.findIndex((e) => e.seq === entry.seq)] = entry;
    const stored = this.complaints.get(before.trackingNumber);
    if (stored?.timelineHead !== before.timelineHead || stored.erasedAt !== before.erasedAt)
      throw new ConcurrentChangeError(before.trackingNumber);
    this.complaints.set(erased.trackingNumber, erased);
  }
}

export class InMemoryMerchants implements MerchantDirectory {
  constructor(protected readonly merchants: MerchantSummary[]) {}
  async get(merchantId: string) {
    return this.merchants.find((m) => m.merchantId === merchantId);
  }
}

export class RecordingPublisher implements Publisher {
  readonly published: { message: object; attributes: MessageAttributes }[] = [];
  async publish(message: object, attributes: MessageAttributes) {
    this.published.push({ message, attributes });
  }
}

export class InMemoryProfiles implements ConsumerProfiles {
  readonly profiles = new Map<string, ConsumerProfile>();
  readonly checks = new Map<string, number>();
  async get(consumerId: string) {
    return this.profiles.get(consumerId);
  }
  async reserveIdentityCheck(consumerId: string, day: string, limit: number) {
    const taken = this.checks.get(`${consumerId}/${day}`) ?? 0;
    if (taken >= limit) return undefined;
    this.checks.set(`${consumerId}/${day}`, taken + 1);
    return taken + 1;
  }
  async releaseIdentityCheck(consumerId: string, day: string) {
    this.checks.set(`${consumerId}/${day}`, Math.max(0, (this.checks.get(`${consumerId}/${day}`) ?? 0) - 1));
  }
  async storeIdentity(consumerId: string, identity: VerifiedIdentity) {
    const stored = this.profiles.get(consumerId)?.identity;
    if (stored) return stored;
    this.profiles.set(consumerId, { consumerId, identity });
    return identity;
  }
  async erase(consumerId: string) {
    return this.profiles.delete(consumerId) ? 1 : 0;
  }
}

/** Message preferences in memory; `failing` makes reads throw (a table that is down). */
export class InMemoryMessagePreferences implements MessagePreferences {
  readonly stopped = new Map<string, boolean>();
  failing = false;
  async stopsNonEssential(consumerId: string) {
    if (this.failing) throw new Error('DynamoDB: Service unavailable');
    return this.stopped.get(consumerId) ?? false;
  }
  async set(consumerId: string, stopNonEssential: boolean) {
    this.stopped.set(consumerId, stopNonEssential);
  }
}

/** Profiles in which every consumer has verified their identity. */
export const verifiedProfiles = (): ConsumerProfiles => ({
  get: async (consumerId) => ({
    consumerId,
    identity: {
      document: 'NID',
      numberHash: 'h',
      lastDigits: '456',
      dateOfBirth: '1990-01-15',
      verifiedAt: '2026-01-01T00:00:00Z',
    },
  }),
  reserveIdentityCheck: async () => 1,
  releaseIdentityCheck: async () => undefined,
  storeIdentity: async (_consumerId, identity) => identity,
  erase: async () => 0,
});

/** Business metrics counted in memory, in order. */
export class CountingMetrics implements BusinessMetrics {
  readonly counted: BusinessEvent[] = [];
  count(event: BusinessEvent) {
    this.counted.push(event);
  }
}

/** Seals by wrapping: enough to prove the context binds the secret, and that only sealed text is stored. */
export const wrappingSealer: SecretSealer = {
  seal: async (secret, context) => `sealed(${context}):${Buffer.from(secret).toString('base64')}`,
  open: async (sealed, context) => {
    if (!sealed.startsWith(`sealed(${context}):`)) throw new Error('sealed under another context');
    return Buffer.from(sealed.slice(`sealed(${context}):`.length), 'base64').toString();
  },
};

/** Evidence records in memory: the same slot counting and status conditions as the DynamoDB adapter. */
export class InMemoryEvidence implements EvidenceStore {
  readonly attachments = new Map<string, Attachment>();
  readonly slotsUsed = new Map<string, number>();

  private slot(attachment: Pick<Attachment, 'trackingNumber' | 'uploadedBy'>) {
    return `${attachment.trackingNumber}/${attachment.uploadedBy}`;
  }
  readonly asked = new Map<string, number>();
  async reserve(attachment: Attachment, limits: { files: number; records: number }) {
    const used = this.slotsUsed.get(this.slot(attachment)) ?? 0;
    const asked = this.asked.get(this.slot(attachment)) ?? 0;
    if (used >= limits.files || asked >= limits.records)
      throw new EvidenceLimitError('no slot', asked >= limits.records ? 'records' : 'files');
    this.slotsUsed.set(this.slot(attachment), used + 1);
    this.asked.set(this.slot(attachment), asked + 1);
    this.attachments.set(attachment.attachmentId, { ...attachment });
  }
  async get(trackingNumber: string, attachmentId: string) {
    const attachment = this.attachments.get(attachmentId);
    return attachment?.trackingNumber === trackingNumber ? { ...attachment } : undefined;
  }
  async list(trackingNumber: string) {
    return [...this.attachments.values()].filter((a) => a.trackingNumber === trackingNumber).map((a) => ({ ...a }));
  }
  private move(attachment: Attachment, from: Attachment['status'], values: Partial<Attachment>, freeSlot: boolean) {
    const current = this.attachments.get(attachment.attachmentId);
    if (current?.status !== from) return false;
    this.attachments.set(attachment.attachmentId, { ...current, ...values });
    if (freeSlot) this.slotsUsed.set(this.slot(current), this.slotsUsed.get(this.slot(current))! - 1);
    return true;
  }
  async recordCheck(attachment: Attachment, outcome: CheckOutcome, at: Date) {
    const checkedAt = at.toISOString();
    return outcome.status === 'VERIFIED'
      ? this.move(
          attachment,
          'PENDING',
          { status: 'VERIFIED', size: outcome.size, sha256: outcome.sha256, versionId: outcome.versionId, checkedAt },
          false,
        )
      : this.move(
          attachment,
          'PENDING',
          { status: 'REJECTED', checkedAt, rejection: { code: outcome.code, message: outcome.message } },
          true,
        );
  }
  async rejectReplaced(attachment: Attachment, at: Date) {
    this.move(
      attachment,
      'VERIFIED',
      { status: 'REJECTED', checkedAt: at.toISOString(), rejection: { ...uploadAfterCheck } },
      true,
    );
  }
  async expire(attachment: Attachment, at: Date) {
    return this.move(attachment, 'PENDING', { status: 'EXPIRED', checkedAt: at.toISOString() }, true);
  }
  async quarantine(attachment: Attachment, at: Date) {
    const from = this.attachments.get(attachment.attachmentId)?.status;
    if (from !== 'PENDING' && from !== 'VERIFIED') return false;
    return this.move(
      attachment,
      from,
      { status: 'QUARANTINED', checkedAt: at.toISOString(), rejection: { ...threatsFound } },
      true,
    );
  }
  async erase(attachment: Attachment) {
    const current = this.attachments.get(attachment.attachmentId);
    if (current)
      this.attachments.set(attachment.attachmentId, {
        ...current,
        fileName: attachment.fileName,
        erasedAt: attachment.erasedAt,
      });
  }
}

/** A bucket in memory, versioned like the deployed one (or not, like s3rver): each upload is a new version. */
export class InMemoryEvidenceFiles implements EvidenceFiles, ErasableFiles {
  readonly versions = new Map<string, { versionId?: string; bytes: Buffer }[]>();
  private nextVersion = 1;
  /** Keys the bucket refuses to serve, as it does files GuardDuty tagged THREATS_FOUND. */
  readonly withheld = new Set<string>();
  constructor(private readonly versioned: boolean) {}

  /** What a browser does with a form: the file arrives as the key's newest version; returns that version. */
  upload(key: string, bytes: Buffer) {
    const versionId = this.versioned ? `v${this.nextVersion++}` : undefined;
    const versions = this.versioned ? (this.versions.get(key) ?? []) : [];
    this.versions.set(key, [...versions, { versionId, bytes }]);
    return versionId;
  }
  async uploadForm(key: string, contentType: string, size: number) {
    return { url: 'https://evidence.example/upload', fields: { key, 'Content-Type': contentType, size: String(size) } };
  }
  async inspect(key: string, versionId?: string): Promise<UploadedFile | undefined> {
    if (this.withheld.has(key)) throw new FileWithheldError(`withheld: ${key}`);
    const versions = this.versions.get(key) ?? [];
    const found = versionId === undefined ? versions.at(-1) : versions.find((v) => v.versionId === versionId);
    if (!found) return undefined;
    return {
      size: found.bytes.length,
      sha256: createHash('sha256').update(found.bytes).digest('hex'),
      head: found.bytes.subarray(0, 16),
      ...(found.versionId && { versionId: found.versionId }),
    };
  }
  async remove(key: string, versionId?: string) {
    const remaining =
      versionId === undefined ? [] : (this.versions.get(key) ?? []).filter((v) => v.versionId !== versionId);
    if (remaining.length > 0) this.versions.set(key, remaining);
    else this.versions.delete(key);
  }
  async eraseAll(prefix: string) {
    let erased = 0;
    for (const [key, versions] of this.versions)
      if (key.startsWith(prefix)) {
        erased += versions.length;
        this.versions.delete(key);
      }
    return erased;
  }
  async downloadLink(key: string, options: { versionId?: string }) {
    return `https://evidence.example/${key}${options.versionId ? `?versionId=${options.versionId}` : ''}`;
  }
}

/** What became of each message, by tracking number, entry and route; the attempts of those that failed. */
export class InMemorySentMessages implements SentMessages {
  readonly outcomes = new Map<string, 'SENT' | 'UNDELIVERABLE'>();
  readonly attempts = new Map<string, number>();
  private static key = (trackingNumber: string, seq: number, route: MessageRoute) =>
    `${trackingNumber}/${seq}/${routeKey(route)}`;
  async settled(trackingNumber: string, seq: number) {
    const prefix = `${trackingNumber}/${seq}/`;
    return new Set([...this.outcomes.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  }
  async settle(trackingNumber: string, seq: number, route: MessageRoute, outcome: 'SENT' | 'UNDELIVERABLE') {
    const key = InMemorySentMessages.key(trackingNumber, seq, route);
    if (!this.outcomes.has(key)) this.outcomes.set(key, outcome);
  }
  readonly claims = new Set<string>();
  async claim(trackingNumber: string, seq: number, route: MessageRoute) {
    const key = InMemorySentMessages.key(trackingNumber, seq, route);
    if (this.outcomes.has(key)) return 'SETTLED' as const;
    if (this.claims.has(key)) return 'HELD' as const;
    this.claims.add(key);
    return 'CLAIMED' as const;
  }
  async release(trackingNumber: string, seq: number, route: MessageRoute) {
    this.claims.delete(InMemorySentMessages.key(trackingNumber, seq, route));
  }
  readonly deliveries = new Map<string, 'DELIVERED' | 'FAILED'>();
  async reported(trackingNumber: string, seq: number, route: MessageRoute, delivery: 'DELIVERED' | 'FAILED') {
    const key = InMemorySentMessages.key(trackingNumber, seq, route);
    const earlier = this.deliveries.get(key);
    if (earlier) return earlier;
    if (this.outcomes.get(key) !== 'SENT')
      return this.claims.has(key) && !this.outcomes.has(key) ? ('PENDING' as const) : ('UNKNOWN' as const);
    this.deliveries.set(key, delivery);
    return 'KEPT' as const;
  }
  async failed(trackingNumber: string, seq: number, route: MessageRoute) {
    const key = InMemorySentMessages.key(trackingNumber, seq, route);
    const attempts = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempts);
    return attempts;
  }
}

/** Email confirmations by tracking number, with DynamoDbEmailConfirmations' conditions. */
export class InMemoryEmailConfirmations implements EmailConfirmations {
  readonly items = new Map<string, { tokenHashes: string[]; expiresAt: string; confirmedAt?: string }>();
  async issue(trackingNumber: string, tokenHash: string, expiresAt: string) {
    const item = this.items.get(trackingNumber);
    if (item?.confirmedAt) return 'ALREADY_CONFIRMED' as const;
    this.items.set(trackingNumber, { tokenHashes: [...(item?.tokenHashes ?? []), tokenHash], expiresAt });
    return 'ISSUED' as const;
  }
  async isConfirmed(trackingNumber: string) {
    return this.items.get(trackingNumber)?.confirmedAt !== undefined;
  }
  async confirm(trackingNumber: string, tokenHash: string, at: string) {
    const item = this.items.get(trackingNumber);
    if (!item?.tokenHashes.includes(tokenHash)) return { outcome: 'UNKNOWN' as const };
    if (item.confirmedAt) return { outcome: 'ALREADY_CONFIRMED' as const, confirmedAt: item.confirmedAt };
    if (item.expiresAt <= at) return { outcome: 'EXPIRED' as const };
    item.confirmedAt = at;
    return { outcome: 'CONFIRMED' as const, confirmedAt: at };
  }
}

/** One-tap links in memory, as DynamoDbOneTapLinks keeps them; `failing` makes issue throw (a table that is down). */
export class InMemoryOneTapLinks implements OneTapLinks {
  readonly items = new Map<string, OneTapLink>();
  failing = false;
  async issue(link: OneTapLink) {
    if (this.failing) throw new Error('DynamoDB: Service unavailable');
    if (this.items.has(link.codeHash)) throw new Error('ConditionalCheckFailed');
    this.items.set(link.codeHash, { ...link });
  }
  async get(codeHash: string) {
    const link = this.items.get(codeHash);
    return link && { ...link };
  }
  async take(codeHash: string, action: OneTapAction, at: string, staleClaim?: string) {
    const link = this.items.get(codeHash);
    if (!link) return 'UNKNOWN' as const;
    if (staleClaim ? link.usedAt !== staleClaim || link.actedAt : link.usedAt) return 'USED' as const;
    if (Date.parse(link.expiresAt) <= Date.parse(at)) return 'EXPIRED' as const;
    Object.assign(link, { usedAt: at, usedFor: action });
    return 'TAKEN' as const;
  }
  async acted(codeHash: string, takenAt: string, actedAt: string) {
    const link = this.items.get(codeHash);
    if (link?.usedAt !== takenAt) throw new Error('ConditionalCheckFailed');
    link.actedAt = actedAt;
  }
  async giveBack(codeHash: string, at: string) {
    const link = this.items.get(codeHash);
    if (link?.usedAt === at) {
      delete link.usedAt;
      delete link.usedFor;
    }
  }
}

/** The issued case records' index in memory. */
export class InMemoryRecordIndex implements CaseRecordIndex {
  readonly records: IssuedCaseRecord[] = [];
  async add(record: IssuedCaseRecord) {
    if (this.records.some((r) => r.trackingNumber === record.trackingNumber && r.version === record.version))
      return false;
    this.records.push(record);
    return true;
  }
  async list(trackingNumber: string) {
    return this.records.filter((r) => r.trackingNumber === trackingNumber);
  }
  async eraseTexts(trackingNumber: string, version: number, at: string) {
    const record = this.records.find((r) => r.trackingNumber === trackingNumber && r.version === version);
    if (record) {
      delete record.texts;
      record.erasedAt ??= at;
    }
  }
}

/** A case records' bucket in memory (one version a key). */
export class InMemoryRecordFiles implements CaseRecordFiles, ErasableFiles {
  readonly objects = new Map<string, Buffer>();
  async put(key: string, body: Buffer) {
    this.objects.set(key, body);
    return {};
  }
  async get(key: string) {
    return this.objects.get(key);
  }
  async link(key: string) {
    return `https://records.example/${key}`;
  }
  async eraseAll(prefix: string) {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.objects.delete(key);
    return keys.length;
  }
}
