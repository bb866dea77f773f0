/** GET /v1/regulator/exports/{exportId} (signed regulator): the export's progress, and a 15-minute download link once written. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { exportStatus, regulatorAuthentication } from './wiring';

const authenticate = regulatorAuthentication();
const status = exportStatus();

export const handler = httpHandler(async (event) => {
  const regulator = await authenticate(event);
  return jsonResponse(200, await status(regulator, event.pathParameters?.exportId ?? ''));
});
