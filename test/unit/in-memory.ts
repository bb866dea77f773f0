/** In-memory ports for use-case tests: same contracts as the DynamoDB adapters, no AWS. */
import type { Complaint, ComplaintChange, MerchantSummary } from '../../functions/domain/complaint';
import { ConcurrentChangeError } from '../../functions/domain/errors';
import { orderKey, type OpenComplaintForOrder } from '../../functions/domain/filing-rules';
import { finalStatuses } from '../../functions/domain/lifecycle';
import {
  DuplicateTrackingNumberError,
  OrderHasOpenComplaintError,
  type BusinessEvent,
  type BusinessMetrics,
  type ComplaintRepository,
  type ConsumerProfile,
  type ConsumerProfiles,
  type MerchantDirectory,
  type MessageAttributes,
  type Publisher,
  type SecretSealer,
} from '../../functions/domain/ports';
import type { VerifiedIdentity } from '../../functions/domain/identity';
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
    return { items: [...this.complaints.values()].filter((c) => c.merchantId === merchantId && c.status === status).reverse() };
  }
  async listByConsumer(consumerId: string) {
    return { items: [...this.complaints.values()].filter((c) => c.consumerId === consumerId).reverse() };
  }
  async save(before: Complaint, { complaint, entry }: ComplaintChange) {
    if (this.complaints.get(before.trackingNumber)?.timelineHead !== before.timelineHead) throw new ConcurrentChangeError(before.trackingNumber);
    this.complaints.set(complaint.trackingNumber, complaint);
    this.timelines.get(complaint.trackingNumber)!.push(entry);
    const order = orderOf(complaint.merchantId, complaint.orderRef);
    if (finalStatuses.includes(complaint.status) && this.openOrders.get(order)?.trackingNumber === complaint.trackingNumber) this.openOrders.delete(order);
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
}

/** Profiles in which every consumer has verified their identity. */
export const verifiedProfiles = (): ConsumerProfiles => ({
  get: async (consumerId) => ({
    consumerId,
    identity: { document: 'NID', numberHash: 'h', lastDigits: '456', dateOfBirth: '1990-01-15', verifiedAt: '2026-01-01T00:00:00Z' },
  }),
  reserveIdentityCheck: async () => 1,
  releaseIdentityCheck: async () => undefined,
  storeIdentity: async (_consumerId, identity) => identity,
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
