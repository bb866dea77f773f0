/** The function's traced S3 client, created once per cold start (see dynamodb.ts). */
import { S3Client } from '@aws-sdk/client-s3';
import { tracer } from '../telemetry';

let client: S3Client | undefined;

export const s3 = () => (client ??= tracer.captureAWSv3Client(new S3Client({})));
