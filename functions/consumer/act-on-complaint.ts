/** POST /v1/consumer/complaints/{trackingNumber}/{action} (consumer session): confirm, dispute, reopen, withdraw. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { consumerOf, httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { consumerActions, parseAction, performActionUseCase } from '../complaints/actions';
import { systemClock } from '../domain/clock';
import { parseTrackingNumber } from '../domain/tracking-number';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const perform = performActionUseCase({ complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]), clock: systemClock });

export const handler = httpHandler(async (event) => {
  const consumerId = consumerOf(event);
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const { action, details } = parseAction(consumerActions, event.pathParameters?.action ?? '', event.body ? parseJsonBody(event, z.unknown()) : {});
  return jsonResponse(200, await perform({ trackingNumber, by: 'consumer', owns: (c) => c.consumerId === consumerId, action, details }));
});
