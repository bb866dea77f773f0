/** The function's SES v2 client, created once per cold start (see dynamodb.ts). */
import { SESv2Client } from '@aws-sdk/client-sesv2';

let client: SESv2Client | undefined;

export const ses = () => (client ??= new SESv2Client({}));
