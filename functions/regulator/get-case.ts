/** GET /v1/regulator/cases/{trackingNumber} (signed regulator): an escalated case with its verified timeline; the read is logged. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbCaseAccessLog } from '../adapters/dynamodb-access-log';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { DynamoDbUndeliverableMessages } from '../adapters/dynamodb-undeliverable';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { regulatorCaseUseCase } from '../complaints/use-cases';
import { systemClock } from '../domain/clock';
import { parseTrackingNumber } from '../domain/tracking-number';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const regulatorCase = regulatorCaseUseCase({
  complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]),
  accessLog: new DynamoDbCaseAccessLog(dynamoDb(), config[envNames.table]),
  undeliverable: new DynamoDbUndeliverableMessages(dynamoDb(), config[envNames.table]),
  clock: systemClock,
});

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['regulator']);
  if (principal.role !== 'regulator') throw new Error('authenticate returned a principal of another role');
  return jsonResponse(200, await regulatorCase(principal, parseTrackingNumber(event.pathParameters?.trackingNumber ?? '')));
});
