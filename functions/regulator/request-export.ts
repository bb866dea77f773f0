/** POST /v1/regulator/exports (signed regulator): a CSV export of a case search, run in the background; 202 with where to poll. */
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { idempotentRequests } from '../commons/idempotency';
import { caseSearchQuery } from '../domain/case-search';
import { exportRequest, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const requestExport = exportRequest();
const idempotent = idempotentRequests();

export const handler = httpHandler(async (event, context) => {
  const regulator = await authenticate(event);
  const query = parseJsonBody(event, caseSearchQuery);
  return idempotent(event, context, `regulator:${regulator.regulatorId}`, async () => {
    const job = await requestExport(regulator, query);
    return jsonResponse(202, { ...job, statusPath: `/v1/regulator/exports/${job.exportId}` });
  });
});
