/** Registering a merchant's webhook, delivering to it, and reading the delivery log. */
import type { Clock } from '../domain/clock';
import type { SecretSealer, WebhookAddressGuard, WebhookPoster, WebhookStore } from '../domain/ports';
import { webhookHeaders, webhookSignature } from '../domain/webhooks';

const sealContext = (merchantId: string) => `webhook:${merchantId}`;

export const registerWebhookUseCase =
  (deps: {
    webhooks: WebhookStore;
    addresses: WebhookAddressGuard;
    sealer: SecretSealer;
    clock: Clock;
    randomBytes: (size: number) => Uint8Array;
  }) =>
  async (merchantId: string, url: string) => {
    await deps.addresses.check(url);
    const secret = Buffer.from(deps.randomBytes(32)).toString('base64url');
    await deps.webhooks.register(merchantId, {
      url,
      sealedSecret: await deps.sealer.seal(secret, sealContext(merchantId)),
      registeredAt: deps.clock.now().toISOString(),
    });
    return {
      url,
      secret,
      note: `Store the secret now; it is shown once. Each delivery is a POST with ${webhookHeaders.timestamp} and ${webhookHeaders.signature}: v1=hex(HMAC-SHA256(secret, "<timestamp>.<body>")).`,
    };
  };

export class WebhookDeliveryFailed extends Error {}

export interface DeliveryInput {
  deliveryId: string;
  merchantId: string;
  event: string;
  trackingNumber: string;
  payload: object;
  createdAt?: string;
}

/** One attempt: signs and posts the event, logs the outcome, and throws unless it was accepted (2xx). */
export const deliverWebhookUseCase =
  (deps: { webhooks: WebhookStore; sealer: SecretSealer; poster: WebhookPoster; clock: Clock }) =>
  async (input: DeliveryInput) => {
    const webhook = await deps.webhooks.get(input.merchantId);
    if (!webhook) return { outcome: 'NO_WEBHOOK' as const };
    const secret = await deps.sealer.open(webhook.sealedSecret, sealContext(input.merchantId));
    const now = deps.clock.now();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const body = JSON.stringify({
      deliveryId: input.deliveryId,
      event: input.event,
      trackingNumber: input.trackingNumber,
      data: input.payload,
    });
    const headers = {
      [webhookHeaders.timestamp]: timestamp,
      [webhookHeaders.signature]: webhookSignature(secret, timestamp, body),
      [webhookHeaders.deliveryId]: input.deliveryId,
      [webhookHeaders.event]: input.event,
    };
    const delivery = {
      deliveryId: input.deliveryId,
      merchantId: input.merchantId,
      event: input.event,
      trackingNumber: input.trackingNumber,
      url: webhook.url,
      createdAt: input.createdAt,
    };
    let status: number | undefined;
    try {
      status = await deps.poster.post(webhook.url, headers, body);
    } catch (error) {
      await deps.webhooks.recordAttempt(delivery, {
        at: now.toISOString(),
        outcome: 'FAILED',
        error: (error as Error).message.slice(0, 200),
      });
      throw new WebhookDeliveryFailed(`The webhook could not be reached: ${(error as Error).message}`);
    }
    const accepted = status >= 200 && status < 300;
    await deps.webhooks.recordAttempt(delivery, {
      at: now.toISOString(),
      outcome: accepted ? 'DELIVERED' : 'FAILED',
      status,
    });
    if (!accepted) throw new WebhookDeliveryFailed(`The webhook answered ${status}`);
    return { outcome: 'DELIVERED' as const, status };
  };

/** A merchant's delivery log, newest first, with every attempt. */
export const listDeliveriesUseCase =
  (deps: { webhooks: WebhookStore }) => async (merchantId: string, limit: number) => ({
    deliveries: await deps.webhooks.deliveries(merchantId, limit),
  });
