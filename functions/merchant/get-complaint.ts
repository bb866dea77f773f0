/** GET /v1/merchant/complaints/{trackingNumber} (signed merchant): one of its own complaints. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { merchantComplaintsUseCase } from '../complaints/use-cases';
import { parseTrackingNumber } from '../domain/tracking-number';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const complaints = merchantComplaintsUseCase(new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['merchant']);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  return jsonResponse(200, await complaints.get(principal.role === 'merchant' ? principal.merchantId : '', trackingNumber));
});
