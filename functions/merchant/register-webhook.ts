/** PUT /v1/merchant/webhook (signed merchant): registers the URL events are posted to; the signing secret is shown once. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { webhookRegistration as registrationBody } from '../domain/webhooks';
import { allowLoopbackWebhooks, merchantAuthentication, webhookRegistration } from './wiring';

const authenticate = merchantAuthentication();
const registerWebhook = webhookRegistration();
const body = registrationBody(allowLoopbackWebhooks());

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  const { url } = parseJsonBody(event, body);
  return jsonResponse(200, await registerWebhook(merchantId, url));
});
