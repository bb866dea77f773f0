/** PUT /v1/merchant/webhook (signed merchant): registers the URL events are posted to; the signing secret is shown once. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { DnsWebhookAddressGuard } from '../adapters/webhook-poster';
import { DynamoDbWebhookStore } from '../adapters/webhooks';
import { dynamoDb, kms } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { systemClock } from '../domain/clock';
import { webhookRegistration } from '../domain/webhooks';
import { registerWebhookUseCase } from './webhook-use-cases';

const config = loadConfig({
  [envNames.table]: z.string().min(1),
  [envNames.credentialsKey]: z.string().min(1),
  [envNames.allowLoopbackWebhooks]: z.enum(['true', 'false']).default('false'),
});
const authenticate = signedRequestAuthentication();
const allowLoopback = config[envNames.allowLoopbackWebhooks] === 'true';
const registration = webhookRegistration(allowLoopback);
const registerWebhook = registerWebhookUseCase({
  webhooks: new DynamoDbWebhookStore(dynamoDb(), config[envNames.table]),
  addresses: new DnsWebhookAddressGuard(allowLoopback),
  sealer: new KmsSecretSealer(kms(), config[envNames.credentialsKey]),
  clock: systemClock,
  randomBytes,
});

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['merchant']);
  const { url } = parseJsonBody(event, registration);
  return jsonResponse(200, await registerWebhook(principal.role === 'merchant' ? principal.merchantId : '', url));
});
