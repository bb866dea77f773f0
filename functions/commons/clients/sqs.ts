/** The function's SQS client, created once per cold start (see dynamodb.ts). */
import { SQSClient } from '@aws-sdk/client-sqs';

let client: SQSClient | undefined;

export const sqs = () => (client ??= new SQSClient({}));
