/** GET /v1/public/merchants?q=&limit=&cursor= (and .csv; public, cacheable): merchants by name, with their grievance officer and scorecard. */
import * as z from 'zod';
import { httpHandler } from '../commons/http';
import { fieldErrorsOf } from '../commons/http-errors';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { freeText } from '../domain/text';
import { openDataAnswer } from './answer';
import { scorecardsCsv } from './use-cases';
import { merchantSearch } from './wiring';

const search = merchantSearch();
const query = z.object({ q: freeText({ max: 100 }).default('') });

export const handler = httpHandler(async (event) => {
  const { limit: _limit, cursor: _cursor, ...rest } = event.queryStringParameters ?? {};
  const parsed = query.safeParse(rest);
  if (!parsed.success) throw new InvalidRequestError('The search is invalid.', fieldErrorsOf(parsed.error));
  const answer = await search(parsed.data.q, pageRequestOf(event));
  return openDataAnswer(
    event,
    answer,
    () =>
      scorecardsCsv(
        answer.merchants.map((merchant) => ({ scope: 'merchant', key: merchant.merchantId, card: merchant.scorecard })),
      ),
    'ccms-merchants.csv',
  );
});
