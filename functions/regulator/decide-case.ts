/** POST /v1/regulator/cases/{trackingNumber}/decision (signed regulator): upheld, dismissed or referred, with reasons; closes the case. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { decisionRequest } from '../domain/decisions';
import { parseTrackingNumber } from '../domain/tracking-number';
import { caseDecision, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const decide = caseDecision();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const request = parseJsonBody(event, decisionRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(200, await decide(regulator, trackingNumber, request)),
  );
});
