/** Export jobs run as executions of the case-export state machine, one per job, named by it (a repeated start is no second run). */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { ExportRunner } from '../domain/ports';

export class StepFunctionsExportRunner implements ExportRunner {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(exportId: string): Promise<void> {
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: `export-${exportId}`, input: JSON.stringify({ exportId }) }));
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
