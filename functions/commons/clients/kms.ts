/** The function's KMS client, created once per cold start (see dynamodb.ts). */
import { KMSClient } from '@aws-sdk/client-kms';

let client: KMSClient | undefined;

export const kms = () => (client ??= new KMSClient({}));
