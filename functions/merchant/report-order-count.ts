/** PUT /v1/merchant/order-counts/{month} (signed merchant): the orders of an ended month, or a correction of them (the trail keeps the count replaced). */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { orderCountRequest } from '../domain/order-counts';
import { merchantAuthentication, orderCountReport } from './wiring';

const authenticate = merchantAuthentication();
const report = orderCountReport();

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  const { orders } = parseJsonBody(event, orderCountRequest);
  return jsonResponse(200, await report(merchantId, event.pathParameters?.month ?? '', orders));
});
