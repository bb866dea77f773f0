/** GET /v1/merchant/webhook/deliveries (signed merchant): the delivery log, newest first, with every attempt. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbWebhookStore } from '../adapters/webhooks';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const webhooks = new DynamoDbWebhookStore(dynamoDb(), config[envNames.table]);

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['merchant']);
  const { limit } = pageRequestOf(event);
  return jsonResponse(200, { deliveries: await webhooks.deliveries(principal.role === 'merchant' ? principal.merchantId : '', limit) });
});
