/** The function's traced SNS client, created once per cold start (see dynamodb.ts). */
import { SNSClient } from '@aws-sdk/client-sns';
import { tracer } from '../telemetry';

let client: SNSClient | undefined;

export const sns = () => (client ??= tracer.captureAWSv3Client(new SNSClient({})));
