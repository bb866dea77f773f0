/** GET /v1/merchant/order-counts (signed merchant): the last 24 ended months, each with its order count and corrections, or none. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { merchantAuthentication, orderCountList } from './wiring';

const authenticate = merchantAuthentication();
const list = orderCountList();

export const handler = httpHandler(async (event) => jsonResponse(200, await list(await authenticate(event))));
