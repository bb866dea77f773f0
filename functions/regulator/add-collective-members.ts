/** POST /v1/regulator/collective-cases/{caseId}/members (signed regulator): adds escalated cases against its merchant, each added or refused with its reason. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { addMembersRequest } from '../domain/collective-cases';
import { collectiveMembersAddition, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const add = collectiveMembersAddition();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const { trackingNumbers } = parseJsonBody(event, addMembersRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(200, await add(regulator, caseId, trackingNumbers)),
  );
});
