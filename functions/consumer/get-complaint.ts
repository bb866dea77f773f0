/** GET /v1/consumer/complaints/{trackingNumber} (consumer session): one of their own complaints, with what they may do now. */
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { consumerComplaint } from './wiring';

const complaint = consumerComplaint();

export const handler = httpHandler(async (event) =>
  jsonResponse(
    200,
    await complaint(consumerOf(event), parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')),
  ),
);
