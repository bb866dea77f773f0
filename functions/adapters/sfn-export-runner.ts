/** Export jobs run as executions of the case-export state machine, one per job, named by it (a repeated start is no second run). */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { ExportRunner } from '../domain/ports';
import { startExecutionOnce } from './sfn-executions';

export class StepFunctionsExportRunner implements ExportRunner {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  start(exportId: string): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, `export-${exportId}`, { exportId });
  }
}
