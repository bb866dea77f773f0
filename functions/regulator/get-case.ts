/** GET /v1/regulator/cases/{trackingNumber} (signed regulator): the full case record with its verified timeline. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { regulatorCaseUseCase } from '../complaints/use-cases';
import { parseTrackingNumber } from '../domain/tracking-number';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const regulatorCase = regulatorCaseUseCase(new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]));

export const handler = httpHandler(async (event) => {
  await authenticate(event, ['regulator']);
  return jsonResponse(200, await regulatorCase(parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')));
});
