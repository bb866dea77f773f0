/** GET /v1/regulator/alerts?merchantId=&limit=&cursor= (signed regulator): the alerts raised, newest week first, with their figures. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { isMerchantId } from '../domain/merchant';
import { alertList, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const list = alertList();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  const merchantId = event.queryStringParameters?.merchantId;
  if (merchantId !== undefined && !isMerchantId(merchantId))
    throw new InvalidRequestError('Some search parameters are invalid.', {
      merchantId: 'lowercase letters, digits and dashes, 3 to 64 characters',
    });
  return jsonResponse(200, await list(pageRequestOf(event), merchantId));
});
