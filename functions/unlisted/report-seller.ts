/**
 * POST /v1/consumer/unlisted-sellers (consumer session, verified identity): reports a seller not on
 * CCMS by its Facebook page, website, phone or bKash/Nagad number; 201 with the report's id. Honours
 * Idempotency-Key. The seller learns nothing of it, and nothing of it is public.
 */
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { unlistedSellerReportRequest } from '../domain/unlisted-sellers';
import { sellerReport } from './wiring';

const report = sellerReport();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const consumerId = consumerOf(event);
  return idempotent(event, context, `consumer:${consumerId}`, async () =>
    jsonResponse(201, await report(parseJsonBody(event, unlistedSellerReportRequest), consumerId)),
  );
});
