/** The function's traced KMS client, created once per cold start (see dynamodb.ts). */
import { KMSClient } from '@aws-sdk/client-kms';
import { tracer } from '../telemetry';

let client: KMSClient | undefined;

export const kms = () => (client ??= tracer.captureAWSv3Client(new KMSClient({})));
