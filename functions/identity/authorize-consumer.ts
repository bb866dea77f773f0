/**
 * API Gateway REQUEST authorizer for consumer routes: `Authorization: Bearer <session token>`.
 * Allows the call with the consumer id in the context, or refuses it (401, "Unauthorized").
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbSessionStore } from '../adapters/dynamodb-identity';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { observed } from '../commons/telemetry';
import { systemClock } from '../domain/clock';
import { authenticateConsumerUseCase } from './use-cases';

const tableName = loadConfig({ [envNames.table]: z.string().min(1) })[envNames.table];
const authenticate = authenticateConsumerUseCase({ sessions: new DynamoDbSessionStore(dynamoDb(), tableName), clock: systemClock });

export const handler = observed(async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const session = await authenticate(header);
  // API Gateway turns this exact error message into a 401 (the UNAUTHORIZED gateway response).
  if (!session) throw new Error('Unauthorized');
  return {
    principalId: session.consumerId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
    context: { consumerId: session.consumerId },
  };
});
