/** POST /v1/regulator/collective-cases/{caseId}/hearings (signed regulator): one hearing for every member; both parties of each are told. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { hearingRequest } from '../domain/decisions';
import { collectiveHearingScheduling, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const schedule = collectiveHearingScheduling();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const request = parseJsonBody(event, hearingRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(201, await schedule(regulator, caseId, request)),
  );
});
