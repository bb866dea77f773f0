/** GET /v1/merchant/complaints/{trackingNumber} (signed merchant): one of its own complaints. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { merchantAuthentication, merchantComplaint } from './wiring';

const authenticate = merchantAuthentication();
const complaint = merchantComplaint();

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  return jsonResponse(
    200,
    await complaint(merchantId, parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')),
  );
});
