/** The function's Lambda client, created once per cold start (see dynamodb.ts). */
import { LambdaClient } from '@aws-sdk/client-lambda';

let client: LambdaClient | undefined;

export const lambda = () => (client ??= new LambdaClient({}));
