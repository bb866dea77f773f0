/**
 * Gives (`npm run ops -- rearm <trackingNumber>`, and the sweeper on its schedule) a complaint whose timer has no live execution (its
 * execution failed, was stopped by hand, or was never started because its change was set aside)
 * a fresh one. It reads the complaint's current timer, looks for a running execution of it (its
 * own name and each later round), and if none runs, starts the next round: the same input the
 * change consumer would give, so an early wake or a second timer is harmless (a stale timer does
 * nothing when it fires).
 */
import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import { executionArnOf, roundName } from '../adapters/sfn-workflow';
import { timerExecutionInput } from '../domain/timers';
import { startExecutionOnce } from '../adapters/sfn-executions';
import type { ComplaintRepository } from '../domain/ports';

export type RearmOutcome =
  | { outcome: 'NOT_FOUND'; trackingNumber: string }
  | { outcome: 'NO_TIMER'; trackingNumber: string; status: string }
  | { outcome: 'ALREADY_WAITING'; trackingNumber: string; execution: string }
  | { outcome: 'REARMED'; trackingNumber: string; execution: string; dueAt: string; wakeAt: string };

/** Rounds looked at before giving up: far more than a timer ever makes (one a year, one per 400 failed waits). */
const maxRounds = 100;

export const rearm = async (
  deps: { complaints: ComplaintRepository; sfn: SFNClient; stateMachineArn: string; now: () => Date },
  trackingNumber: string,
): Promise<RearmOutcome> => {
  const complaint = await deps.complaints.get(trackingNumber);
  if (!complaint) return { outcome: 'NOT_FOUND', trackingNumber };
  const timer = complaint.timer;
  if (!timer) return { outcome: 'NO_TIMER', trackingNumber, status: complaint.status };
  for (let round = 0; round < maxRounds; round++) {
    const name = roundName(trackingNumber, timer, round);
    let status: string | undefined;
    try {
      status = (
        await deps.sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(deps.stateMachineArn, name) }))
      ).status;
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
    if (status === 'RUNNING') return { outcome: 'ALREADY_WAITING', trackingNumber, execution: name };
    if (status !== undefined) continue;
    const input = timerExecutionInput(trackingNumber, timer, deps.now(), round);
    await startExecutionOnce(deps.sfn, deps.stateMachineArn, name, input);
    return { outcome: 'REARMED', trackingNumber, execution: name, dueAt: input.dueAt, wakeAt: input.wakeAt };
  }
  throw new Error(`${trackingNumber}'s timer already has ${maxRounds} executions; look at why they end`);
};
