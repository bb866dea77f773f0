/**
 * POST /v1/regulator/unlisted-sellers/{sellerId}/onboarding (signed regulator): records what was
 * done to bring the seller onto CCMS (INVITED, NOT_REACHABLE, or ONBOARDED as a merchant on CCMS,
 * after which consumers are sent to file complaints against it instead).
 */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { onboardingRequest } from '../domain/unlisted-sellers';
import { regulatorAuthentication, sellerOnboarding } from './wiring';

const authenticate = regulatorAuthentication();
const record = sellerOnboarding();

export const handler = httpHandler(async (event) => {
  const regulator = await authenticate(event);
  const request = parseJsonBody(event, onboardingRequest);
  return jsonResponse(200, await record(regulator, event.pathParameters?.sellerId ?? '', request));
});
