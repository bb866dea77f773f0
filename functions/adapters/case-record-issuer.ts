/**
 * Starts the workflow that issues a case record: one execution per version, named by it. Apart from
 * the record's files and index (case-records.ts), so the stream consumer that starts it does not
 * load the S3 client at its cold start.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { CaseRecordIssuer } from '../domain/ports';
import { startExecutionOnce } from './sfn-executions';

export class StepFunctionsCaseRecordIssuer implements CaseRecordIssuer {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  issue(trackingNumber: string, version: number): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, `record-${trackingNumber}-${version}`, {
      trackingNumber,
      version,
    });
  }
}
