/** GET /v1/public/stats and /v1/public/stats.csv (public, cacheable): the platform's numbers overall, by month, by category and by district. */
import { httpHandler } from '../commons/http';
import { openDataAnswer } from './answer';
import { scorecardsCsv } from './use-cases';
import { publicStats } from './wiring';

const stats = publicStats();

export const handler = httpHandler(async (event) => {
  const answer = await stats();
  return openDataAnswer(
    event,
    answer,
    () =>
      scorecardsCsv([
        { scope: 'overall', key: 'all', card: answer.overall },
        ...answer.byCategory.map(({ category, ...card }) => ({ scope: 'category', key: category, card })),
        ...answer.byDistrict.map(({ district, ...card }) => ({ scope: 'district', key: district, card })),
      ]),
    'ccms-statistics.csv',
  );
});
