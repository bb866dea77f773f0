/** POST /v1/identity: a consumer verifies their identity once (NID, or birth registration under 18). */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { identityRequest } from '../domain/identity';
import { identityVerification } from './wiring';

const verifyIdentity = identityVerification();

export const handler = httpHandler(async (event) =>
  jsonResponse(200, await verifyIdentity(consumerOf(event), parseJsonBody(event, identityRequest))),
);
