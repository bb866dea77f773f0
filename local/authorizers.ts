/**
 * How the local gateway authorizes a route, as API Gateway does in the stack: public, merchant and
 * regulator routes pass through (their functions check the SigV4 signature themselves); operator
 * routes need IAM authorization (SigV4 for execute-api); consumer routes run the same Lambda
 * REQUEST authorizer the stack attaches, and its context reaches the function.
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { signedRequestOf, type authenticateSignedUseCase } from '../functions/access/signed-requests';
import { authorizers, type FunctionId } from '../functions/catalog';
import type { Authorize } from './gateway';

export interface AuthorizerParts {
  region: string;
  account: string;
  authenticateOperator: ReturnType<typeof authenticateSignedUseCase>;
  invoke: (functionId: FunctionId, event: unknown) => Promise<unknown>;
  track: <T>(work: () => Promise<T>) => Promise<T>;
}

export const localAuthorizer =
  ({ region, account, authenticateOperator, invoke, track }: AuthorizerParts): Authorize =>
  async (route, event) => {
    if (route.access === 'public' || route.access === 'merchant' || route.access === 'regulator') return {};
    if (route.access === 'operator') {
      try {
        const principal = await authenticateOperator(signedRequestOf(event), ['operator'], 'execute-api');
        const user = principal.role === 'operator' ? principal.operatorId : 'unknown';
        return { identity: { userArn: `arn:aws:iam::${account}:user/${user}` } };
      } catch {
        return undefined;
      }
    }
    const authorizerEvent = {
      type: 'REQUEST',
      methodArn: `arn:aws:execute-api:${region}:${account}:local/local/${route.method}${route.path}`,
      resource: route.path,
      path: event.path,
      httpMethod: route.method,
      headers: event.headers,
      multiValueHeaders: event.multiValueHeaders,
      pathParameters: event.pathParameters,
      queryStringParameters: event.queryStringParameters,
      multiValueQueryStringParameters: event.multiValueQueryStringParameters,
      stageVariables: null,
      requestContext: event.requestContext,
    } as unknown as APIGatewayRequestAuthorizerEvent;
    try {
      const decision = (await track(() =>
        invoke(authorizers[route.access as 'consumer'], authorizerEvent),
      )) as APIGatewayAuthorizerResult;
      const allowed = decision.policyDocument.Statement.some((statement) => statement.Effect === 'Allow');
      if (!allowed) return undefined;
      return {
        authorizer: Object.fromEntries(Object.entries(decision.context ?? {}).map(([k, v]) => [k, String(v)])),
      };
    } catch {
      return undefined;
    }
  };
