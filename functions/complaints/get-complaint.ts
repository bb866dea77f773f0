/** GET /v1/complaints/{trackingNumber}: status, deadlines and timeline of one complaint. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { publicComplaintUseCase } from './wiring';

const getComplaint = publicComplaintUseCase();

export const handler = httpHandler(async (event) => {
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  return jsonResponse(200, await getComplaint(trackingNumber));
});
