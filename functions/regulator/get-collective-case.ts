/**
 * GET /v1/regulator/collective-cases/{caseId}?limit=&cursor= (signed regulator): the collective
 * case with a page of its members; GET …/{caseId}/members.csv: every member as CSV.
 */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { collectiveCaseRecord, collectiveMembersCsv, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const record = collectiveCaseRecord();
const csv = collectiveMembersCsv();

export const handler = httpHandler(async (event) => {
  await authenticate(event);
  const caseId = event.pathParameters?.caseId ?? '';
  if (!event.path.endsWith('/members.csv')) return jsonResponse(200, await record(caseId, pageRequestOf(event)));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="ccms-collective-${caseId}.csv"`,
      'cache-control': 'no-store',
    },
    body: await csv(caseId),
  };
});
