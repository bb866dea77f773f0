/**
 * Signed webhooks to merchants: each delivery carries a timestamp and an HMAC-SHA256 over
 * "<timestamp>.<body>" with the merchant's webhook secret, so the merchant can check that CCMS
 * sent it and that it is fresh. Attempts are logged; the workflow retries with backoff.
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod';

export const webhookHeaders = {
  timestamp: 'x-ccms-timestamp',
  signature: 'x-ccms-signature',
  deliveryId: 'x-ccms-delivery-id',
  event: 'x-ccms-event',
} as const;

/** `v1=<hex>`: the version leaves room to change the scheme without breaking receivers. */
export const webhookSignature = (secret: string, timestamp: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;

/** An https URL; plain http only to loopback, and only where the deployment allows it (the local cloud). */
export const webhookRegistration = (allowLoopbackHttp: boolean) =>
  z.strictObject({
    url: z.url({ error: 'must be a URL' }).refine((value) => {
      // zod runs this even when the URL check above failed: what is not a URL is left to that check.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      if (url.protocol === 'https:') return true;
      return (
        allowLoopbackHttp && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
      );
    }, 'must be an https:// address'),
  });

export interface WebhookAttempt {
  at: string;
  outcome: 'DELIVERED' | 'FAILED';
  status?: number;
  error?: string;
}

export interface WebhookDelivery {
  deliveryId: string;
  merchantId: string;
  event: string;
  trackingNumber: string;
  url: string;
  attempts: WebhookAttempt[];
  status: 'PENDING' | 'DELIVERED';
}
