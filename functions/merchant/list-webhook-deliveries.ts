/** GET /v1/merchant/webhook/deliveries (signed merchant): the delivery log, newest first, with every attempt. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { merchantAuthentication, webhookDeliveries } from './wiring';

const authenticate = merchantAuthentication();
const deliveries = webhookDeliveries();

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  return jsonResponse(200, await deliveries(merchantId, pageRequestOf(event).limit));
});
