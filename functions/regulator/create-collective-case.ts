/** POST /v1/regulator/collective-cases (signed regulator): opens a collective case against one merchant. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { createCollectiveCaseRequest } from '../domain/collective-cases';
import { collectiveCaseCreation, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const create = collectiveCaseCreation();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const request = parseJsonBody(event, createCollectiveCaseRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(201, await create(regulator, request)),
  );
});
