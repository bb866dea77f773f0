/**
 * One function's sandbox, as a Lambda execution environment is: a worker thread that loads the
 * function's bundle (local/function-bundles.ts), with its own modules and its own process.env (exactly what its bindings give it), its memory limited to
 * the function's memory size. Its clock reads the local cloud's virtual time, set on every
 * invocation. The bundle is loaded when the sandbox starts, on the function's first invocation (the
 * cold start); if that fails, the invocation fails with the error and the sandbox is replaced on
 * the next one.
 */
import * as FakeTimers from '@sinonjs/fake-timers';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

export interface WorkerSetup {
  file: string;
  functionName: string;
  memoryMb: number;
  timeoutMs: number;
  now: number;
}
export interface Invocation {
  id: number;
  event: unknown;
  now: number;
}
export type Outcome =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string; stack?: string }; initFailed: boolean };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const setup = workerData as WorkerSetup;
const clock = FakeTimers.install({ now: setup.now, toFake: ['Date'], shouldAdvanceTime: true, advanceTimeDelta: 10 });

let initFailed = false;
/** The bundle is loaded when the sandbox starts; an error there is reported to the invocation that waits for it. */
const handler: Promise<Handler> = (async () => {
  try {
    return (createRequire(setup.file)(setup.file) as { handler: Handler }).handler;
  } catch (error) {
    initFailed = true;
    throw error;
  }
})();
handler.catch(() => undefined);

const contextFor = (startedAt: number): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: setup.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${setup.functionName}`,
  memoryLimitInMB: String(setup.memoryMb),
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${setup.functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, startedAt + setup.timeoutMs - performance.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

parentPort!.on('message', async ({ id, event, now }: Invocation) => {
  clock.setSystemTime(now);
  let outcome: Outcome;
  try {
    outcome = { id, result: await (await handler)(event, contextFor(performance.now())) };
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    outcome = { id, error: { name: error.name, message: error.message, stack: error.stack }, initFailed };
  }
  try {
    parentPort!.postMessage(outcome);
  } catch (unsendable) {
    // A result Lambda could not serialize either fails the invocation, as it does there.
    parentPort!.postMessage({
      id,
      error: { name: 'Runtime.ResponseSerializationError', message: (unsendable as Error).message },
      initFailed: false,
    });
  }
});
