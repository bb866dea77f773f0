/** The function's traced Step Functions client, created once per cold start (see dynamodb.ts). */
import { SFNClient } from '@aws-sdk/client-sfn';
import { tracer } from '../telemetry';

let client: SFNClient | undefined;

export const stepFunctions = () => (client ??= tracer.captureAWSv3Client(new SFNClient({})));
