import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../local/outbox';
import { LocalSns } from '../../local/sns';
import { LocalStepFunctions } from '../../local/stepfunctions';
import { type TimerExecutionInput, wakeAtFor } from '../../functions/domain/timers';

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
    journalFile: path.join(dir, 'executions.jsonl'),
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

describe('the local Step Functions journal', () => {
  it('appends one short line per event, however many executions it holds', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    const journal = path.join(dir, 'executions.jsonl');
    const { engine, arn } = makeEngine(dir, []);
    for (let n = 0; n < 20; n++) engine.startExecution({ stateMachineArn: arn, name: `run-${n}`, input: '{}' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(engine.listExecutions({ statusFilter: 'SUCCEEDED' }).executions).toHaveLength(20);
    const before = readFileSync(journal, 'utf8');

    engine.startExecution({ stateMachineArn: arn, name: 'one-more', input: '{}' });
    await vi.advanceTimersByTimeAsync(0);
    const after = readFileSync(journal, 'utf8');
    // What was on disk stays as it was: the start and the first state entered are added after it.
    expect(after.startsWith(before)).toBe(true);
    const added = after.slice(before.length).trim().split('\n');
    expect(added.map((line) => Object.keys(JSON.parse(line))[0])).toEqual(['started', 'arn']);
    expect(after.length - before.length).toBeLessThan(1_000);
    await engine.close();
  });

  it('leaves out a last line cut short by a crash, and compacts the rest when opened', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    const journal = path.join(dir, 'executions.jsonl');
    const first = makeEngine(dir, []);
    const { executionArn } = first.engine.startExecution({ stateMachineArn: first.arn, name: 'kept', input: '{}' });
    appendFileSync(journal, '{"arn":"arn:aws:states:ap-south-1:000000000000:execution:test:kept","fin');

    const reopened = makeEngine(dir, []);
    expect(reopened.engine.describeExecution({ executionArn })).toMatchObject({ status: 'RUNNING', name: 'kept' });
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('reads the executions an earlier version kept in executions.json, once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    const legacy = path.join(dir, 'executions.json');
    const record = {
      executionArn: 'arn:aws:states:ap-south-1:000000000000:execution:test:old',
      stateMachineArn: 'arn:aws:states:ap-south-1:000000000000:stateMachine:test',
      name: 'old',
      input: '{}',
      status: 'SUCCEEDED',
      startDate: '2026-11-01T00:00:00.000Z',
      stopDate: '2026-11-01T01:00:00.000Z',
      statesEntered: ['Sleep', 'Work'],
    };
    writeFileSync(legacy, JSON.stringify([record]));
    const sns = new LocalSns([], new Outbox(path.join(dir, 'outbox.jsonl')), (work) => work());
    const engine = new LocalStepFunctions({
      region: 'ap-south-1',
      account: '000000000000',
      journalFile: path.join(dir, 'executions.jsonl'),
      legacyExecutionsFile: legacy,
      taskFunctions: {},
      sns,
      track: (work) => work(),
    });
    expect(engine.describeExecution({ executionArn: record.executionArn })).toEqual(record);
    expect(() => statSync(legacy)).toThrow(/ENOENT/);
  });

  it('survives a kill -9 while an execution waits: the next start runs it to the end', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    // Another process starts an execution and is killed while it waits, with no chance to save anything.
    const script = `
      import { Outbox } from './local/outbox.ts';
      import { LocalSns } from './local/sns.ts';
      import { LocalStepFunctions } from './local/stepfunctions.ts';
      const dir = ${JSON.stringify(dir)};
      const track = (work) => work();
      const engine = new LocalStepFunctions({ region: 'ap-south-1', account: '000000000000', journalFile: dir + '/executions.jsonl', taskFunctions: { work: async () => ({}) }, sns: new LocalSns([], new Outbox(dir + '/outbox.jsonl'), track), track });
      const arn = engine.createStateMachine('test', ${JSON.stringify(asl)}, { WorkFunction: 'work' });
      engine.startExecution({ stateMachineArn: arn, name: 'run-1', input: '{"n":1}' });
      setTimeout(() => console.log('waiting'), 200);
    `;
    const root = path.join(import.meta.dirname, '..', '..');
    const child = spawn(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    vi.useRealTimers();
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('waiting') && resolve());
      child.on('exit', (code) => reject(new Error(`the child exited (${code}) before its execution waited`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    vi.useFakeTimers();

    const calls: unknown[] = [];
    const after = makeEngine(dir, calls);
    const executionArn = 'arn:aws:states:ap-south-1:000000000000:execution:test:run-1';
    expect(after.engine.describeExecution({ executionArn })).toMatchObject({
      status: 'RUNNING',
      statesEntered: ['Sleep'],
    });
    expect(after.engine.resumeInterruptedExecutions()).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toEqual([{ n: 1 }]);
    expect(after.engine.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      statesEntered: ['Sleep', 'Work'],
    });
    await after.engine.close();
  }, 30_000);
});

describe('the complaint timer ASL (statemachines/complaint-lifecycle.asl.json)', () => {
  const lifecycleAsl = readFileSync(
    path.join(import.meta.dirname, '..', '..', 'statemachines', 'complaint-lifecycle.asl.json'),
    'utf8',
  );
  const DAY = 86_400_000;
  /** The lifecycle state machine on the local engine, its timer task `fire` answered by `answer`. */
  const timers = (
    answer: (payload: { trackingNumber: string; timerSeq: number; wakeAt: string; round: number }) => Promise<unknown>,
    sendHeld: (payload: { trackingNumber: string; seq: number }) => Promise<unknown> = async () => ({
      outcome: 'SENT',
    }),
  ) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfn-'));
    const track = <T>(work: () => Promise<T>) => work();
    const engine = new LocalStepFunctions({
      region: 'ap-south-1',
      account: '000000000000',
      journalFile: path.join(dir, 'executions.jsonl'),
      taskFunctions: { fire: (payload) => answer(payload as never), held: (payload) => sendHeld(payload as never) },
      sns: new LocalSns([], new Outbox(path.join(dir, 'outbox.jsonl')), track),
      track,
    });
    const arn = engine.createStateMachine('timers', lifecycleAsl, {
      FireTimerFunctionArn: 'fire',
      SendHeldSmsFunctionArn: 'held',
    });
    const start = (dueAt: Date) => {
      const input: TimerExecutionInput = {
        trackingNumber: 'T',
        timerSeq: 1,
        dueAt: dueAt.toISOString(),
        purpose: 'COMPLIANCE_DUE',
        wakeAt: wakeAtFor(dueAt.toISOString(), new Date()),
        round: 0,
        attempts: 0,
      };
      return engine.startExecution({ stateMachineArn: arn, name: 'T-t1-COMPLIANCE_DUE', input: JSON.stringify(input) });
    };
    const executions = () => engine.listExecutions({ stateMachineArn: arn }).executions;
    return { engine, arn, start, executions };
  };

  it('waits until the morning for a held SMS, sends it with the entry it tells of, retries a failed send, and waits again when woken at night', async () => {
    const calls: { at: number; payload: unknown }[] = [];
    const laterStill = new Date(Math.ceil((Date.now() + 20 * 3_600_000) / 1000) * 1000).toISOString();
    let failuresLeft = 2;
    const { engine, arn, executions } = timers(
      async () => {
        throw new Error('no timer fires on this branch');
      },
      async (payload) => {
        calls.push({ at: Date.now(), payload });
        if (calls.length === 1) return { outcome: 'NOT_YET', sendAt: laterStill };
        if (failuresLeft-- > 0) throw new Error('the SMS provider is down');
        return { outcome: 'SENT' };
      },
    );
    const sendAt = new Date(Math.ceil((Date.now() + 9 * 3_600_000) / 1000) * 1000).toISOString();
    engine.startExecution({
      stateMachineArn: arn,
      name: 'T-s7-MORNING_SMS',
      input: JSON.stringify({
        trackingNumber: 'T',
        timerSeq: 7,
        dueAt: sendAt,
        purpose: 'MORNING_SMS',
        wakeAt: sendAt,
        round: 0,
        attempts: 0,
      }),
    });
    await vi.advanceTimersByTimeAsync(9 * 3_600_000 - 5_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    // Woken in quiet hours (as by a redrive at night), the task says when: the state machine waits until then.
    expect(calls).toEqual([{ at: Date.parse(sendAt), payload: { trackingNumber: 'T', seq: 7 } }]);
    await vi.advanceTimersByTimeAsync(11 * 3_600_000 - 10_000);
    expect(calls).toHaveLength(1);
    // Then two failed sends, retried minutes apart, and the third sends.
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls.map((call) => call.payload)).toEqual(Array(4).fill({ trackingNumber: 'T', seq: 7 }));
    expect(calls[1]!.at).toBe(Date.parse(laterStill));
    const [execution] = executions();
    expect(execution).toMatchObject({ name: 'T-s7-MORNING_SMS', status: 'SUCCEEDED' });
    expect(execution!.statesEntered).toEqual([
      'WhatIsDue',
      'WaitForDaytime',
      'SendHeldSms',
      'DaytimeYet',
      'WaitForDaytimeAgain',
      'SendHeldSms',
      'DaytimeYet',
      'HeldSmsDone',
    ]);
    await engine.close();
  });

  it('never gives up: after its retries it waits 10 minutes and fires again, until the task succeeds', async () => {
    let failuresLeft = 12;
    const { engine, start } = timers(async () => {
      if (failuresLeft-- > 0) throw new Error('DynamoDB is down');
      return { outcome: 'FIRED' };
    });
    const { executionArn } = start(new Date(Date.now() + 1000));
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    const execution = engine.describeExecution({ executionArn });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ outcome: 'FIRED' });
    expect(execution.statesEntered.filter((s) => s === 'WaitBeforeTryingAgain').length).toBeGreaterThanOrEqual(1);
    expect(failuresLeft).toBe(-1);
    await engine.close();
  });

  it('waits at most 300 days in one execution: a date a year ahead is reached by a fresh execution, which fires on the day', async () => {
    const dueAt = new Date(Date.now() + 365 * DAY);
    const woken: { at: number; wakeAt: string; round: number }[] = [];
    const { engine, start, executions } = timers(async ({ trackingNumber, timerSeq, wakeAt, round }) => {
      woken.push({ at: Date.now(), wakeAt, round });
      if (Date.parse(wakeAt) >= dueAt.getTime()) return { outcome: 'FIRED' };
      const next = {
        trackingNumber,
        timerSeq,
        dueAt: dueAt.toISOString(),
        purpose: 'COMPLIANCE_DUE',
        wakeAt: wakeAtFor(dueAt.toISOString(), new Date()),
        round: round + 1,
        attempts: 0,
      };
      return { outcome: 'NOT_YET', trackingNumber, next };
    });
    const startedAt = Date.now();
    start(dueAt);
    await vi.advanceTimersByTimeAsync(300 * DAY + 1000);
    expect(woken).toEqual([
      { at: startedAt + 300 * DAY, wakeAt: new Date(startedAt + 300 * DAY).toISOString(), round: 0 },
    ]);
    const [first, second] = executions().sort((a, b) => a.name.localeCompare(b.name));
    expect(first).toMatchObject({ name: 'T-t1-COMPLIANCE_DUE', status: 'SUCCEEDED' });
    expect(second).toMatchObject({ name: 'T-t1-COMPLIANCE_DUE-r1', status: 'RUNNING' });
    await vi.advanceTimersByTimeAsync(65 * DAY);
    expect(woken.at(-1)).toEqual({ at: dueAt.getTime(), wakeAt: dueAt.toISOString(), round: 1 });
    expect(executions().map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // No execution lived a year.
    for (const e of executions()) expect(Date.parse(e.stopDate!) - Date.parse(e.startDate)).toBeLessThan(365 * DAY);
    await engine.close();
  });

  it('hands a task that keeps failing over to a fresh execution after 400 waits, long before 25,000 history events', async () => {
    let calls = 0;
    let down = true;
    const { engine, start, executions } = timers(async () => {
      calls++;
      if (down) throw new Error('DynamoDB is down');
      return { outcome: 'FIRED' };
    });
    start(new Date(Date.now() + 1000));
    // 400 rounds of 9 attempts (about 4 minutes of backoff) and a 10-minute wait each: under 6 days.
    await vi.advanceTimersByTimeAsync(6 * DAY);
    const [first, second] = executions().sort((a, b) => a.name.localeCompare(b.name));
    expect(first!.name).toBe('T-t1-COMPLIANCE_DUE');
    expect(first!.status).toBe('SUCCEEDED');
    expect(first!.statesEntered.filter((s) => s === 'WaitBeforeTryingAgain')).toHaveLength(399);
    expect(first!.statesEntered.at(-1)).toBe('HandOver');
    // Each round of the loop enters 5 states; with 9 task attempts a round, about 40 history events: 400 rounds stay far below 25,000.
    expect(first!.statesEntered.length).toBeLessThan(2_500);
    expect(second).toMatchObject({ name: 'T-t1-COMPLIANCE_DUE-r1', status: 'RUNNING' });
    expect(JSON.parse(second!.input)).toMatchObject({ round: 1, attempts: 0, trackingNumber: 'T', timerSeq: 1 });
    expect(calls).toBeGreaterThanOrEqual(400 * 9);
    // The engine may call the task once more while it is being closed (an aborted run retries once): let that call succeed.
    down = false;
    await engine.close();
  }, 60_000);
});
