/** POST /v1/complaints: a verified consumer files a complaint; 201 with the tracking number. Honours Idempotency-Key. */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { idempotentRequests } from '../commons/idempotency';
import { jsonResponse } from '../commons/http-response';
import { logger } from '../commons/logger';
import { fileComplaintRequest } from '../domain/complaint';
import { filingUseCase } from './wiring';

const fileComplaint = filingUseCase();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const consumerId = consumerOf(event);
  return idempotent(event, context, `consumer:${consumerId}`, async () => {
    const complaint = await fileComplaint(parseJsonBody(event, fileComplaintRequest), consumerId);
    // From here on the new complaint is what this invocation is about.
    logger.setCorrelationId(complaint.trackingNumber);
    logger.info('Complaint filed', { merchantId: complaint.merchantId, category: complaint.category });
    return jsonResponse(
      201,
      {
        trackingNumber: complaint.trackingNumber,
        status: complaint.status,
        filedAt: complaint.filedAt,
        merchantDeadline: complaint.merchantDeadline,
      },
      { location: `/v1/complaints/${complaint.trackingNumber}` },
    );
  });
});
