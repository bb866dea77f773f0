/**
 * AWS SDK clients, one module each, created once per cold start and shared by every adapter in the
 * function. Each carries the invocation's X-Ray trace header on its calls (the SDK's own
 * recursion-detection middleware reads _X_AMZN_TRACE_ID), so traces continue into the services that
 * trace. Endpoints follow the SDK's AWS_ENDPOINT_URL_<SERVICE> variables, which is how the local cloud points the
 * same code at DynamoDB Local and its emulators.
 *
 * The SDK is the Lambda runtime's, so each client a bundle names is a `require` at cold start.
 * This folder's package.json says its modules have no side effects: esbuild leaves out a client
 * module whose getter a function never uses, and with it the `require` (measured by `npm run bench`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let lowLevel: DynamoDBClient | undefined;
let document: DynamoDBDocumentClient | undefined;

export const dynamoDbLowLevel = () => (lowLevel ??= new DynamoDBClient({}));
export const dynamoDb = () =>
  (document ??= DynamoDBDocumentClient.from(dynamoDbLowLevel(), { marshallOptions: { removeUndefinedValues: true } }));
