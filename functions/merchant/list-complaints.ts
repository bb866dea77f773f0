/** GET /v1/merchant/complaints?status=&limit=&cursor= (signed merchant): its own complaints in a status, newest first. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { pageRequestOf } from '../commons/paging';
import { merchantComplaintsUseCase } from '../complaints/use-cases';
import { InvalidRequestError } from '../domain/errors';
import { complaintStatuses } from '../domain/lifecycle';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const complaints = merchantComplaintsUseCase(new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['merchant']);
  const status = event.queryStringParameters?.status ?? 'AWAITING_MERCHANT';
  if (!(complaintStatuses as readonly string[]).includes(status)) {
    throw new InvalidRequestError(`status must be one of ${complaintStatuses.join(', ')}.`, { status: 'unknown status' });
  }
  const merchantId = principal.role === 'merchant' ? principal.merchantId : '';
  return jsonResponse(200, { status, ...(await complaints.list(merchantId, status, pageRequestOf(event))) });
});
