/** Webhook-delivery task: one signed attempt; a failure is thrown so the workflow retries with backoff. */
import { z } from 'zod';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { GuardedWebhookPoster } from '../adapters/webhook-poster';
import { DynamoDbWebhookStore } from '../adapters/webhooks';
import { dynamoDb, kms } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { observed } from '../commons/telemetry';
import { systemClock } from '../domain/clock';
import { deliverWebhookUseCase } from '../merchant/webhook-use-cases';

const config = loadConfig({
  [envNames.table]: z.string().min(1),
  [envNames.credentialsKey]: z.string().min(1),
  [envNames.allowLoopbackWebhooks]: z.enum(['true', 'false']).default('false'),
});
const deliver = deliverWebhookUseCase({
  webhooks: new DynamoDbWebhookStore(dynamoDb(), config[envNames.table]),
  sealer: new KmsSecretSealer(kms(), config[envNames.credentialsKey]),
  poster: new GuardedWebhookPoster(config[envNames.allowLoopbackWebhooks] === 'true'),
  clock: systemClock,
});
const input = z.object({
  deliveryId: z.string().min(1),
  merchantId: z.string().min(1),
  event: z.string().min(1),
  trackingNumber: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string().optional(),
});

export const handler = observed(async (event: unknown) => deliver(input.parse(event)), { correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber });
