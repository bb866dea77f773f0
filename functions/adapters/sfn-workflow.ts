/**
 * Timer executions of the lifecycle state machine, one per complaint timer, named
 * `<trackingNumber>-t<seq>-<purpose>`: starting or stopping the same timer twice is harmless, and
 * the console's list of executions says what each one waits for.
 */
import { ExecutionDoesNotExist, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { LifecycleWorkflow } from '../domain/ports';
import type { Timer } from '../domain/timers';
import { startExecutionOnce } from './sfn-executions';

export const executionName = (trackingNumber: string, timer: Pick<Timer, 'seq' | 'purpose'>) =>
  `${trackingNumber}-t${timer.seq}-${timer.purpose}`;

export class StepFunctionsLifecycleWorkflow implements LifecycleWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  startTimer(trackingNumber: string, timer: Timer): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, executionName(trackingNumber, timer), {
      trackingNumber,
      timerSeq: timer.seq,
      dueAt: timer.dueAt,
      purpose: timer.purpose,
    });
  }

  async stopTimer(trackingNumber: string, timer: Timer): Promise<void> {
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName(trackingNumber, timer)}`;
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause: 'superseded by a newer timer' }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return;
      throw error;
    }
  }
}
