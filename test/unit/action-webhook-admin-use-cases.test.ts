/** Use cases that only integration tests covered: actions on a complaint, webhooks and the operator's keys, on in-memory ports. */
import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  issueMerchantKeyUseCase,
  onboardMerchantUseCase,
  replaceGrievanceOfficerUseCase,
  revokeKeyUseCase,
} from '../../functions/admin/use-cases';
import {
  consumerActions,
  merchantActions,
  parseAction,
  performActionUseCase,
} from '../../functions/complaints/actions';
import { fileComplaintUseCase } from '../../functions/complaints/use-cases';
import { fixedClock } from '../../functions/domain/clock';
import type { StoredCredential } from '../../functions/domain/credentials';
import { KeyLimitError, NotFoundError, TransitionRefusedError } from '../../functions/domain/errors';
import type { GrievanceOfficer, Merchant } from '../../functions/domain/merchant';
import {
  TooManyKeysError,
  type CredentialStore,
  type MerchantRegistry,
  type MerchantWebhook,
  type WebhookStore,
} from '../../functions/domain/ports';
import type { WebhookAttempt, WebhookDelivery } from '../../functions/domain/webhooks';
import {
  deliverWebhookUseCase,
  registerWebhookUseCase,
  WebhookDeliveryFailed,
} from '../../functions/merchant/webhook-use-cases';
import { fireTimerUseCase } from '../../functions/workflow/use-cases';
import { filingRequest } from './fixtures';
import {
  InMemoryComplaints,
  InMemoryEvidence,
  InMemoryMerchants,
  verifiedProfiles,
  wrappingSealer as sealer,
} from './in-memory';

const clock = fixedClock('2026-05-01T08:00:00.000Z');
const bytes = (size: number) => new Uint8Array(size).fill(7);

describe('actions on a complaint', () => {
  const setup = async () => {
    const complaints = new InMemoryComplaints();
    const file = fileComplaintUseCase({
      complaints,
      merchants: new InMemoryMerchants([{ merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true }]),
      profiles: verifiedProfiles(),
      personalData: sealer,
      clock,
      randomBytes: bytes,
    });
    const { trackingNumber } = await file(filingRequest(), 'consumer-1');
    const timer = complaints.complaints.get(trackingNumber)!.timer!;
    await fireTimerUseCase({ complaints, clock })(trackingNumber, timer.seq);
    const perform = performActionUseCase({ complaints, evidence: new InMemoryEvidence(), clock });
    const asMerchant = (name: string, body: unknown, merchantId = 'demo-bazaar') =>
      perform({
        trackingNumber,
        by: 'merchant',
        owns: (c) => c.merchantId === merchantId,
        ...parseAction(merchantActions, name, body),
      });
    const asConsumer = (name: string, body: unknown, consumerId = 'consumer-1') =>
      perform({
        trackingNumber,
        by: 'consumer',
        owns: (c) => c.consumerId === consumerId,
        ...parseAction(consumerActions, name, body),
      });
    return { complaints, trackingNumber, asMerchant, asConsumer };
  };

  it('stores a proposal with its remedy and evidence, and the consumer may then confirm it', async () => {
    const { complaints, trackingNumber, asMerchant, asConsumer } = await setup();
    await asMerchant('propose-resolution', {
      remedy: 'REFUND',
      amount: 2450,
      message: 'Refunded to your bKash.',
      evidence: [],
    });
    expect(complaints.complaints.get(trackingNumber)!.resolution).toMatchObject({
      remedy: 'REFUND',
      amount: 2450,
      message: 'Refunded to your bKash.',
    });
    await asConsumer('confirm', {});
    expect(complaints.complaints.get(trackingNumber)!.status).toBe('SETTLED');
  });

  it("answers another party's complaint exactly like a missing one", async () => {
    const { asMerchant, asConsumer } = await setup();
    await expect(asMerchant('acknowledge', {}, 'padma-electronics')).rejects.toThrow(NotFoundError);
    await expect(asConsumer('withdraw', {}, 'consumer-2')).rejects.toThrow(NotFoundError);
  });

  it('refuses what the rules do not allow, naming the status', async () => {
    const { asConsumer } = await setup();
    await expect(asConsumer('confirm', {})).rejects.toThrow(TransitionRefusedError);
  });

  it('takes one rating after settlement and refuses a second', async () => {
    const { complaints, trackingNumber, asMerchant, asConsumer } = await setup();
    await asMerchant('propose-resolution', { remedy: 'REFUND', message: 'Refunded.', evidence: [] });
    await asConsumer('confirm', {});
    await asConsumer('rate', { score: 5 });
    expect(complaints.complaints.get(trackingNumber)!.rating?.score).toBe(5);
    await expect(asConsumer('rate', { score: 1 })).rejects.toThrow(/already rated/);
  });
});

class InMemoryWebhooks implements WebhookStore {
  readonly webhooks = new Map<string, MerchantWebhook>();
  readonly attempts: { deliveryId: string; attempt: WebhookAttempt }[] = [];
  async register(merchantId: string, webhook: MerchantWebhook) {
    this.webhooks.set(merchantId, webhook);
  }
  async get(merchantId: string) {
    return this.webhooks.get(merchantId);
  }
  async recordAttempt(delivery: Omit<WebhookDelivery, 'attempts' | 'status'>, attempt: WebhookAttempt) {
    this.attempts.push({ deliveryId: delivery.deliveryId, attempt });
  }
  async deliveries() {
    return [];
  }
}

describe('webhooks', () => {
  let webhooks: InMemoryWebhooks;
  beforeEach(() => {
    webhooks = new InMemoryWebhooks();
  });
  const register = (check: (url: string) => Promise<void> = async () => undefined) =>
    registerWebhookUseCase({ webhooks, addresses: { check }, sealer, clock, randomBytes: bytes })(
      'demo-bazaar',
      'https://hooks.demo-bazaar.example/ccms',
    );
  const delivery = {
    deliveryId: 'ABCDE-FGHJ0-2',
    merchantId: 'demo-bazaar',
    event: 'complaint.awaiting-merchant',
    trackingNumber: 'ABCDE-FGHJ0',
    payload: { a: 1 },
  };

  it('shows the secret once and stores it only sealed', async () => {
    const registered = await register();
    const stored = webhooks.webhooks.get('demo-bazaar')!;
    expect(stored.sealedSecret).not.toContain(registered.secret);
    expect(await sealer.open(stored.sealedSecret, 'webhook:demo-bazaar')).toBe(registered.secret);
  });

  it('stores nothing for a URL the address guard refuses', async () => {
    await expect(register(async () => Promise.reject(new Error('private address')))).rejects.toThrow('private address');
    expect(webhooks.webhooks.size).toBe(0);
  });

  it('signs each delivery with the secret, and logs it delivered on a 2xx', async () => {
    const { secret } = await register();
    const posted: { headers: Record<string, string>; body: string }[] = [];
    const deliver = deliverWebhookUseCase({
      webhooks,
      sealer,
      clock,
      poster: {
        post: async (_url, headers, body) => {
          posted.push({ headers, body });
          return 204;
        },
      },
    });
    expect(await deliver(delivery)).toEqual({ outcome: 'DELIVERED', status: 204 });
    const { headers, body } = posted[0]!;
    const timestamp = headers['x-ccms-timestamp']!;
    expect(headers['x-ccms-signature']).toBe(
      `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    );
    expect(webhooks.attempts).toEqual([
      {
        deliveryId: delivery.deliveryId,
        attempt: { at: clock.now().toISOString(), outcome: 'DELIVERED', status: 204 },
      },
    ]);
  });

  it('logs and throws on a refusal or an unreachable receiver, so the workflow retries', async () => {
    await register();
    const refusing = deliverWebhookUseCase({ webhooks, sealer, clock, poster: { post: async () => 500 } });
    await expect(refusing(delivery)).rejects.toThrow(WebhookDeliveryFailed);
    const unreachable = deliverWebhookUseCase({
      webhooks,
      sealer,
      clock,
      poster: { post: async () => Promise.reject(new Error('connect ECONNREFUSED')) },
    });
    await expect(unreachable(delivery)).rejects.toThrow(/could not be reached/);
    expect(webhooks.attempts.map(({ attempt }) => [attempt.outcome, attempt.status])).toEqual([
      ['FAILED', 500],
      ['FAILED', undefined],
    ]);
  });

  it('does nothing for a merchant without a webhook', async () => {
    const deliver = deliverWebhookUseCase({
      webhooks,
      sealer,
      clock,
      poster: { post: async () => Promise.reject(new Error('must not post')) },
    });
    expect(await deliver(delivery)).toEqual({ outcome: 'NO_WEBHOOK' });
  });
});

class InMemoryCredentials implements CredentialStore {
  readonly stored = new Map<string, StoredCredential>();
  async get(accessKeyId: string) {
    return this.stored.get(accessKeyId);
  }
  async create(credential: StoredCredential) {
    const active = [...this.stored.values()].filter(
      (c) => c.status === 'ACTIVE' && JSON.stringify(c.principal) === JSON.stringify(credential.principal),
    );
    if (active.length >= 2) throw new TooManyKeysError();
    this.stored.set(credential.accessKeyId, credential);
  }
  async revoke(accessKeyId: string) {
    const found = this.stored.get(accessKeyId);
    if (found?.status !== 'ACTIVE') return false;
    this.stored.set(accessKeyId, { ...found, status: 'REVOKED' });
    return true;
  }
}

class InMemoryRegistry extends InMemoryMerchants implements MerchantRegistry {
  async create(merchant: Merchant) {
    if (await this.get(merchant.merchantId)) throw new Error('taken');
    this.merchants.push(merchant);
  }
  async replaceGrievanceOfficer(merchantId: string, officer: GrievanceOfficer, at: string) {
    const i = this.merchants.findIndex((m) => m.merchantId === merchantId);
    if (i < 0) return undefined;
    const replaced = { ...(this.merchants[i] as Merchant), grievanceOfficer: officer, grievanceOfficerReplacedAt: at };
    this.merchants[i] = replaced;
    return replaced;
  }
}

describe("the operator's keys", () => {
  let credentials: InMemoryCredentials;
  let merchants: InMemoryRegistry;
  let counter = 0;
  beforeEach(() => {
    credentials = new InMemoryCredentials();
    merchants = new InMemoryRegistry([]);
  });
  const deps = () => ({
    credentials,
    merchants,
    sealer,
    clock,
    randomBytes: (size: number) => new Uint8Array(size).fill(counter++ % 250),
  });
  const onboarding = {
    merchantId: 'new-shop',
    legalName: 'New Shop Ltd',
    tradeName: 'New Shop',
    website: 'https://new-shop.example',
    grievanceOfficer: { name: 'A', designation: 'GO', phone: '01711000020', email: 'go@new-shop.example' },
    categories: ['electronics'],
  } as unknown as Omit<Merchant, 'active' | 'onboardedAt'>;

  it('onboards a merchant with a first key whose secret is stored only sealed', async () => {
    const { merchant, credentials: key } = await onboardMerchantUseCase(deps())(onboarding);
    expect(merchant).toMatchObject({ merchantId: 'new-shop', active: true, onboardedAt: clock.now().toISOString() });
    const stored = credentials.stored.get(key.accessKeyId)!;
    expect(stored).toMatchObject({ principal: { role: 'merchant', merchantId: 'new-shop' }, status: 'ACTIVE' });
    expect(stored.sealedSecret).not.toContain(key.secretAccessKey);
  });

  it('issues a second key for rotation, refuses a third, and a revoked key makes room', async () => {
    const { credentials: first } = await onboardMerchantUseCase(deps())(onboarding);
    const issue = issueMerchantKeyUseCase(deps());
    await issue('new-shop');
    await expect(issue('new-shop')).rejects.toThrow(KeyLimitError);
    await revokeKeyUseCase(deps())(first.accessKeyId);
    await expect(issue('new-shop')).resolves.toMatchObject({ accessKeyId: expect.any(String) });
  });

  it("replaces a merchant's grievance officer, saying when, and refuses an unknown merchant", async () => {
    await onboardMerchantUseCase(deps())(onboarding);
    const officer = {
      name: 'Nasrin Akter',
      designation: 'Head of Care',
      phone: '01811000021',
      email: 'care@new-shop.example',
    };
    const replaced = await replaceGrievanceOfficerUseCase(deps())('new-shop', officer);
    expect(replaced).toMatchObject({
      merchantId: 'new-shop',
      grievanceOfficer: officer,
      grievanceOfficerReplacedAt: clock.now().toISOString(),
    });
    await expect(replaceGrievanceOfficerUseCase(deps())('nobody', officer)).rejects.toThrow(NotFoundError);
  });

  it('refuses a key for an unknown merchant and the revocation of a key that is not active', async () => {
    await expect(issueMerchantKeyUseCase(deps())('nobody')).rejects.toThrow(NotFoundError);
    await expect(revokeKeyUseCase(deps())('CCMSNOSUCHKEY')).rejects.toThrow(NotFoundError);
    // An id no key can have is not found without asking the store (DynamoDB refuses a key past 2,048 bytes: a 500).
    const asked: string[] = [];
    const store = {
      revoke: async (id: string) => {
        asked.push(id);
        return false;
      },
    };
    const revoke = revokeKeyUseCase({ ...deps(), credentials: store as unknown as CredentialStore });
    await expect(revoke('A'.repeat(2100))).rejects.toThrow(NotFoundError);
    await expect(revoke('CCMSM/../x')).rejects.toThrow(NotFoundError);
    expect(asked).toEqual([]);
  });
});
