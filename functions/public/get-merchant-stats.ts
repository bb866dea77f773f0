/** GET /v1/public/merchants/{merchantId}/stats and .../stats.csv (public, cacheable): one merchant's settlement record. */
import { httpHandler } from '../commons/http';
import { openDataAnswer } from './answer';
import { scorecardsCsv } from './use-cases';
import { merchantStats } from './wiring';

const stats = merchantStats();

export const handler = httpHandler(async (event) => {
  const merchantId = event.pathParameters?.merchantId ?? '';
  const answer = await stats(merchantId);
  return openDataAnswer(
    event,
    answer,
    () =>
      scorecardsCsv([
        { scope: 'merchant', key: merchantId, card: answer.scorecard },
        ...answer.byCategory.map(({ category, ...card }) => ({ scope: 'merchant-category', key: category, card })),
      ]),
    `ccms-${merchantId}.csv`,
  );
});
