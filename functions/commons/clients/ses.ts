/** The function's traced SES v2 client, created once per cold start (see dynamodb.ts). */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { tracer } from '../telemetry';

let client: SESv2Client | undefined;

export const ses = () => (client ??= tracer.captureAWSv3Client(new SESv2Client({})));
