/**
 * API Gateway REQUEST authorizer for consumer routes: `Authorization: Bearer <session token>`.
 * Allows the call with the consumer id in the context, or refuses it (401, "Unauthorized").
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { countRefusal, observed } from '../commons/telemetry';
import { consumerAuthentication } from './wiring';

const authenticate = consumerAuthentication();

export const handler = observed(
  async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    const session = await authenticate(header);
    // API Gateway turns this exact error message into a 401 (the UNAUTHORIZED gateway response).
    // Lambda counts it as an error: counted as a refusal too, so that a release is not rolled back for it.
    if (!session) {
      countRefusal();
      throw new Error('Unauthorized');
    }
    return {
      principalId: session.consumerId,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      // When the session was opened: a route that needs a recent sign-in (the data download) checks it.
      context: { consumerId: session.consumerId, signedInAt: session.issuedAt },
    };
  },
);
