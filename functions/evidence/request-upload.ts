/** POST /v1/complaints/{trackingNumber}/attachments (consumer session): a slot and a presigned upload form for one file. Honours Idempotency-Key. */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { uploadRequest } from '../domain/evidence';
import { parseTrackingNumber } from '../domain/tracking-number';
import { evidenceUpload } from './wiring';

const requestUpload = evidenceUpload();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const consumerId = consumerOf(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const request = parseJsonBody(event, uploadRequest);
  return idempotent(event, context, `consumer:${consumerId}`, async () =>
    jsonResponse(
      201,
      await requestUpload(
        { party: 'consumer', owns: (complaint) => complaint.consumerId === consumerId },
        trackingNumber,
        request,
      ),
    ),
  );
});
