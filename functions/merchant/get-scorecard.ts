/** GET /v1/merchant/scorecard (signed merchant): the merchant's own settlement record, as the public sees it. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { merchantAuthentication, merchantScorecard } from './wiring';

const authenticate = merchantAuthentication();
const scorecard = merchantScorecard();

export const handler = httpHandler(async (event) => jsonResponse(200, await scorecard(await authenticate(event))));
