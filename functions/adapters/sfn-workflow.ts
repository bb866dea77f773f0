/** Starts a complaint's lifecycle workflow. The execution is named after the tracking number, so a repeated start is a no-op. */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { LifecycleWorkflow } from '../domain/ports';

/** Execution names allow [0-9A-Za-z-_]; tracking numbers already fit. */
export const executionName = (trackingNumber: string) => trackingNumber;

export class StepFunctionsLifecycleWorkflow implements LifecycleWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(trackingNumber: string): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionName(trackingNumber),
          input: JSON.stringify({ trackingNumber }),
        }),
      );
    } catch (error) {
      // Same name, same input: Step Functions answers with the running execution; a closed one
      // with that name means the workflow already ran, which is also what we want.
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
