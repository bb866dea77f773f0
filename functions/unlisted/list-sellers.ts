/** GET /v1/regulator/unlisted-sellers?limit=&cursor= (signed regulator): sellers not on CCMS, most reported first. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { regulatorAuthentication, sellerRanking } from './wiring';

const authenticate = regulatorAuthentication();
const rank = sellerRanking();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  return jsonResponse(200, await rank(pageRequestOf(event)));
});
