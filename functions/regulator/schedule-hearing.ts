/** POST /v1/regulator/cases/{trackingNumber}/hearings (signed regulator): schedules a hearing of an escalated case; both parties are told. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { hearingRequest } from '../domain/decisions';
import { parseTrackingNumber } from '../domain/tracking-number';
import { hearingScheduling, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const schedule = hearingScheduling();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const request = parseJsonBody(event, hearingRequest);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () =>
    jsonResponse(201, await schedule(regulator, trackingNumber, request)),
  );
});
