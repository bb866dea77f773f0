/** The function's SNS client, created once per cold start (see dynamodb.ts). */
import { SNSClient } from '@aws-sdk/client-sns';

let client: SNSClient | undefined;

export const sns = () => (client ??= new SNSClient({}));
