/** GET /v1/regulator/cases?status=&merchantId=&category=&district=&from=&to=&limit=&cursor= (signed regulator): escalated cases, newest first. */
import { httpHandler } from '../commons/http';
import { fieldErrorsOf } from '../commons/http-errors';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { caseSearchQuery } from '../domain/case-search';
import { InvalidRequestError } from '../domain/errors';
import { caseSearch, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const search = caseSearch();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  const { limit: _limit, cursor: _cursor, ...filters } = event.queryStringParameters ?? {};
  const parsed = caseSearchQuery.safeParse(filters);
  if (!parsed.success)
    throw new InvalidRequestError('Some search parameters are invalid.', fieldErrorsOf(parsed.error));
  return jsonResponse(200, await search(parsed.data, pageRequestOf(event)));
});
