/** POST /v1/identity: a consumer verifies their identity once (NID, or birth registration under 18). */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { identityRequest } from '../domain/identity';
import { identityVerification } from './verifier-wiring';

const verifyIdentity = identityVerification();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const consumerId = consumerOf(event);
  return idempotent(event, context, `consumer:${consumerId}`, async () =>
    jsonResponse(200, await verifyIdentity(consumerId, parseJsonBody(event, identityRequest))),
  );
});
