/** GET /v1/merchant/complaints/{trackingNumber} (signed merchant): one of its own complaints. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { merchantAuthentication, merchantComplaints } from './wiring';

const authenticate = merchantAuthentication();
const complaints = merchantComplaints();

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  return jsonResponse(200, await complaints.get(merchantId, parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')));
});
