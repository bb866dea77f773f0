/** GET /v1/complaints/{trackingNumber}: status, deadlines and timeline of one complaint. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { parseTrackingNumber } from '../domain/tracking-number';
import { getComplaintUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const getComplaint = getComplaintUseCase(new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => {
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  return jsonResponse(200, await getComplaint(trackingNumber));
});
