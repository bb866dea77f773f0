/** POST /v1/merchant/complaints/{trackingNumber}/attachments (signed merchant): a slot and a presigned upload form for evidence to go with a proposal. Honours Idempotency-Key. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { uploadRequest } from '../domain/evidence';
import { parseTrackingNumber } from '../domain/tracking-number';
import { evidenceUpload } from '../evidence/wiring';
import { merchantAuthentication } from './wiring';

const authenticate = merchantAuthentication();
const requestUpload = evidenceUpload();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const merchantId = await authenticate(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const request = parseJsonBody(event, uploadRequest);
  return idempotent(event, context, `merchant:${merchantId}`, async () =>
    jsonResponse(
      201,
      await requestUpload(
        { party: 'merchant', owns: (complaint) => complaint.merchantId === merchantId },
        trackingNumber,
        request,
      ),
    ),
  );
});
