import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../local/outbox';
import { LocalSns } from '../../local/sns';
import { LocalStepFunctions } from '../../local/stepfunctions';

const asl = JSON.stringify({
  StartAt: 'Sleep',
  States: {
    Sleep: { Type: 'Wait', Seconds: 3600, Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${WorkFunction}', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      End: true,
    },
  },
});

const makeEngine = (dir: string, calls: unknown[]) => {
  const track = <T>(work: () => Promise<T>) => work();
  const sns = new LocalSns([], new Outbox(path.join(dir, 'outbox.jsonl')), track);
  const engine = new LocalStepFunctions({
    region: 'ap-south-1',
    account: '000000000000',
    executionsFile: path.join(dir, 'executions.json'),
    taskFunctions: {
      work: async (payload) => {
        calls.push(payload);
        return { done: true };
      },
    },
    sns,
    track,
  });
  const arn = engine.createStateMachine('test', asl, { WorkFunction: 'work' });
  return { engine, arn };
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('local Step Functions', () => {
  it('treats a repeated start with the same name and input as the same execution, and refuses other input', () => {
    const { engine, arn } = makeEngine(mkdtempSync(path.join(tmpdir(), 'sfn-')), []);
    const first = engine.startExecution({ stateMachineArn: arn, name: 'ABCDE-FGHJ0', input: '{"a":1}' });
    expect(engine.startExecution({ stateMachineArn: arn, name: 'ABCDE-FGHJ0', input: '{"a":1}' })).toEqual(first);
    expect(() => engine.startExecution({ stateMachineArn: arn, name: 'ABCDE-FGHJ0', input: '{"a":2}' })).toThrow(
      'Execution Already Exists',
    );
  });

  it('keeps an execution interrupted by a stop RUNNING, and runs it to the end after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    const firstCalls: unknown[] = [];
    const before = makeEngine(dir, firstCalls);
    const { executionArn } = before.engine.startExecution({
      stateMachineArn: before.arn,
      name: 'run-1',
      input: '{"n":1}',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await before.engine.close();
    expect(before.engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    expect(firstCalls).toEqual([]);

    const secondCalls: unknown[] = [];
    const after = makeEngine(dir, secondCalls);
    expect(after.engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    expect(after.engine.resumeInterruptedExecutions()).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(secondCalls).toEqual([{ n: 1 }]);
    expect(after.engine.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"done":true}',
      statesEntered: ['Sleep', 'Work'],
    });
    await after.engine.close();
  });
});

describe('the complaint timer ASL (statemachines/complaint-lifecycle.asl.json)', () => {
  it('never gives up: after its retries it waits 10 minutes and fires again, until the task succeeds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    let failuresLeft = 12;
    const track = <T>(work: () => Promise<T>) => work();
    const engine = new LocalStepFunctions({
      region: 'ap-south-1',
      account: '000000000000',
      executionsFile: path.join(dir, 'executions.json'),
      taskFunctions: {
        fire: async () => {
          if (failuresLeft-- > 0) throw new Error('DynamoDB is down');
          return { outcome: 'FIRED' };
        },
      },
      sns: new LocalSns([], new Outbox(path.join(dir, 'outbox.jsonl')), track),
      track,
    });
    const asl = readFileSync(
      path.join(import.meta.dirname, '..', '..', 'statemachines', 'complaint-lifecycle.asl.json'),
      'utf8',
    );
    const arn = engine.createStateMachine('timers', asl, { FireTimerFunctionArn: 'fire' });
    const { executionArn } = engine.startExecution({
      stateMachineArn: arn,
      name: 'T-t1',
      input: JSON.stringify({
        trackingNumber: 'T',
        timerSeq: 1,
        dueAt: new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
        purpose: 'MERCHANT_DEADLINE',
      }),
    });
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    const execution = engine.describeExecution({ executionArn });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.statesEntered.filter((s) => s === 'WaitBeforeTryingAgain').length).toBeGreaterThanOrEqual(1);
    expect(failuresLeft).toBe(-1);
    await engine.close();
  });
});
