/** GET /v1/regulator/collective-cases?merchantId=&limit=&cursor= (signed regulator): the collective cases, newest first. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { isMerchantId } from '../domain/merchant';
import { collectiveCaseList, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const list = collectiveCaseList();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  const merchantId = event.queryStringParameters?.merchantId;
  if (merchantId !== undefined && !isMerchantId(merchantId))
    throw new InvalidRequestError('Some search parameters are invalid.', {
      merchantId: 'lowercase letters, digits and dashes, 3 to 64 characters',
    });
  return jsonResponse(200, await list(pageRequestOf(event), merchantId));
});
