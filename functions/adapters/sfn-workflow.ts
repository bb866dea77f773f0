/**
 * Timer executions of the lifecycle state machine, one per complaint timer, named
 * `<trackingNumber>-t<seq>` so that starting or stopping the same timer twice is harmless.
 */
import { ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { LifecycleWorkflow } from '../domain/ports';
import type { Timer } from '../domain/timers';

export const executionName = (trackingNumber: string, timerSeq: number) => `${trackingNumber}-t${timerSeq}`;

export class StepFunctionsLifecycleWorkflow implements LifecycleWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async startTimer(trackingNumber: string, timer: Timer): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionName(trackingNumber, timer.seq),
          input: JSON.stringify({ trackingNumber, timerSeq: timer.seq, dueAt: timer.dueAt, purpose: timer.purpose }),
        }),
      );
    } catch (error) {
      // Already started (and maybe finished) by an earlier delivery of the same change.
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  async stopTimer(trackingNumber: string, timerSeq: number): Promise<void> {
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName(trackingNumber, timerSeq)}`;
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause: 'superseded by a newer timer' }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return;
      throw error;
    }
  }
}
