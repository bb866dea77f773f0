/** The function's Step Functions client, created once per cold start (see dynamodb.ts). */
import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;

export const stepFunctions = () => (client ??= new SFNClient({}));
