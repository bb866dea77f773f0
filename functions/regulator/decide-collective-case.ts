/** POST /v1/regulator/collective-cases/{caseId}/decision (signed regulator): one decision for every member, which closes each; both parties of each are told. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { decisionRequest } from '../domain/decisions';
import { collectiveCaseDecision, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const decide = collectiveCaseDecision();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const caseId = event.pathParameters?.caseId ?? '';
  const request = parseJsonBody(event, decisionRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(200, await decide(regulator, caseId, request)),
  );
});
