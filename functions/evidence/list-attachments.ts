/** GET /v1/complaints/{trackingNumber}/attachments (consumer session): the complaint's evidence and each check's result. */
import { consumerOf, httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { consumerAttachments } from './wiring';

const attachments = consumerAttachments();

export const handler = httpHandler(async (event) =>
  jsonResponse(
    200,
    await attachments(consumerOf(event), parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')),
  ),
);
