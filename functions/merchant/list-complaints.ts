/** GET /v1/merchant/complaints?status=&limit=&cursor= (signed merchant): its own complaints in a status, newest first. */
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { InvalidRequestError } from '../domain/errors';
import { complaintStatuses } from '../domain/lifecycle';
import { merchantAuthentication, merchantComplaintList } from './wiring';

const authenticate = merchantAuthentication();
const complaints = merchantComplaintList();

export const handler = httpHandler(async (event) => {
  const merchantId = await authenticate(event);
  const status = event.queryStringParameters?.status ?? 'AWAITING_MERCHANT';
  if (!(complaintStatuses as readonly string[]).includes(status)) {
    throw new InvalidRequestError(`status must be one of ${complaintStatuses.join(', ')}.`, {
      status: 'unknown status',
    });
  }
  return jsonResponse(200, { status, ...(await complaints(merchantId, status, pageRequestOf(event))) });
});
