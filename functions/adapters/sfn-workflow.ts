/**
 * Timer executions of the lifecycle state machine, one per complaint timer, named
 * `<trackingNumber>-t<seq>-<purpose>`: starting or stopping the same timer twice is harmless, and
 * the console's list of executions says what each one waits for. An execution that hands over to
 * a fresh one (a wait longer than Step Functions allows, or a long run of failures) names it
 * `...-r<round>`; stopping a timer stops its first execution only, and a later round that outlives
 * its timer finds it stale when it wakes. A consumer SMS held through quiet hours waits in an
 * execution of its own, `<trackingNumber>-s<seq>-MORNING_SMS` (seq: the timeline entry it tells
 * of), or the night's for the merchant's messages, `<trackingNumber>-n<yyyymmdd>-MORNING_SMS`.
 */
import { ExecutionDoesNotExist, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { LifecycleWorkflow } from '../domain/ports';
import { type Timer, timerExecutionInput } from '../domain/timers';
import { startExecutionOnce } from './sfn-executions';

export const executionName = (trackingNumber: string, timer: Pick<Timer, 'seq' | 'purpose'>) =>
  `${trackingNumber}-t${timer.seq}-${timer.purpose}`;

/** The lifecycle state machine's branch for a consumer SMS held until the morning. */
export const heldSmsPurpose = 'MORNING_SMS';
/** `key`: `s<seq>` for an entry's own, `n<yyyymmdd>` for the merchant's messages of one night (workflow heldSmsKey). */
export const heldSmsExecutionName = (trackingNumber: string, key: string) =>
  `${trackingNumber}-${key}-${heldSmsPurpose}`;

/** The name of a timer's execution of a given round: the first is the timer's own name, later ones end -r<round>. */
export const roundName = (trackingNumber: string, timer: Pick<Timer, 'seq' | 'purpose'>, round: number) =>
  round === 0 ? executionName(trackingNumber, timer) : `${executionName(trackingNumber, timer)}-r${round}`;

/** The ARN of a state machine's execution of that name. */
export const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export class StepFunctionsLifecycleWorkflow implements LifecycleWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  startTimer(trackingNumber: string, timer: Timer): Promise<void> {
    return startExecutionOnce(
      this.client,
      this.stateMachineArn,
      executionName(trackingNumber, timer),
      timerExecutionInput(trackingNumber, timer, this.now(), 0),
    );
  }

  holdSms(trackingNumber: string, seq: number, sendAt: string, key: string): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, heldSmsExecutionName(trackingNumber, key), {
      trackingNumber,
      timerSeq: seq,
      dueAt: sendAt,
      purpose: heldSmsPurpose,
      wakeAt: sendAt,
      round: 0,
      attempts: 0,
    });
  }

  async stopTimer(trackingNumber: string, timer: Timer): Promise<void> {
    const executionArn = executionArnOf(this.stateMachineArn, executionName(trackingNumber, timer));
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause: 'superseded by a newer timer' }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return;
      throw error;
    }
  }
}
