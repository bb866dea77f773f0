/** GET /v1/regulator/unlisted-sellers/{sellerId}?limit=&cursor= (signed regulator): the seller and the reports naming it, newest first. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { regulatorAuthentication, sellerRecord } from './wiring';

const authenticate = regulatorAuthentication();
const record = sellerRecord();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  return jsonResponse(200, await record(event.pathParameters?.sellerId ?? '', pageRequestOf(event)));
});
