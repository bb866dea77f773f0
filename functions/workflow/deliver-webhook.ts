/** Webhook-delivery task: one signed attempt; a failure is thrown so the workflow retries with backoff. */
import * as z from 'zod';
import { observed } from '../commons/telemetry';
import { webhookTask } from './wiring';

const deliver = webhookTask();
const input = z.object({
  deliveryId: z.string().min(1),
  merchantId: z.string().min(1),
  event: z.string().min(1),
  trackingNumber: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string().optional(),
});

export const handler = observed(async (event: unknown) => deliver(input.parse(event)), {
  correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber,
});
