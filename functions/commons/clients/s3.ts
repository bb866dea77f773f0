/** The function's S3 client, created once per cold start (see dynamodb.ts). */
import { S3Client } from '@aws-sdk/client-s3';

let client: S3Client | undefined;

export const s3 = () => (client ??= new S3Client({}));
