/** GET /v1/regulator/cases/{trackingNumber} (signed regulator): an escalated case with its verified timeline; the read is logged. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { regulatorAuthentication, regulatorCase } from './wiring';

const authenticate = regulatorAuthentication();
const readCase = regulatorCase();

export const handler = httpHandler(async (event) => {
  const regulator = await authenticate(event);
  return jsonResponse(200, await readCase(regulator, parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')));
});
