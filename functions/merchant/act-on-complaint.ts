/** POST /v1/merchant/complaints/{trackingNumber}/{action} (signed merchant): acknowledge, reply, propose-resolution. */
import { z } from 'zod';
import { signedRequestAuthentication } from '../access/wiring';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { httpHandler, parseJsonBody } from '../commons/http';
import { jsonResponse } from '../commons/http-response';
import { merchantActions, parseAction, performActionUseCase } from '../complaints/actions';
import { systemClock } from '../domain/clock';
import { parseTrackingNumber } from '../domain/tracking-number';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const authenticate = signedRequestAuthentication();
const perform = performActionUseCase({ complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]), clock: systemClock });

export const handler = httpHandler(async (event) => {
  const principal = await authenticate(event, ['merchant']);
  const merchantId = principal.role === 'merchant' ? principal.merchantId : '';
  const trackingNumber = parseTrackingNumber(event.pathParameters?.trackingNumber ?? '');
  const { action, details } = parseAction(merchantActions, event.pathParameters?.action ?? '', event.body ? parseJsonBody(event, z.unknown()) : {});
  return jsonResponse(200, await perform({ trackingNumber, by: 'merchant', owns: (c) => c.merchantId === merchantId, action, details }));
});
