/**
 * Runs the functions of functions/catalog.ts as Lambda does: each bundle in its own sandbox (a worker
 * thread, local/function-worker.ts) with its own modules and exactly the environment it is given,
 * so a function that reads a variable its bindings do not give fails here as it would in AWS.
 * The handler is invoked with a Lambda-shaped context; a sandbox whose module failed to load is
 * replaced on the next invocation, as Lambda retries a failed init.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FunctionId, timeoutSecondsOf } from '../functions/catalog';
import type { FunctionBundles } from './function-bundles';
import type { Invocation, Outcome, WorkerSetup } from './function-worker';

export interface LocalFunctionsOptions {
  bundles: FunctionBundles;
  /** The whole environment of a function: the runtime's variables and its bindings'. */
  environmentOf: (functionId: FunctionId) => Record<string, string>;
  /** The virtual time each invocation starts at. */
  now: () => number;
  /** Each function's log lines go to `<logDir>/<functionId>.log` (its log group); warnings and errors to this process's console too. */
  logDir?: string;
  memoryMb?: number;
  timeoutMs?: number;
}

/** Invocations, their time from call to answer (cold starts included), and the log bytes written. */
export interface FunctionUsage {
  invocations: number;
  durationMs: number;
  logBytes: number;
}

interface Sandbox {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

export class LocalFunctions {
  private readonly sandboxes = new Map<FunctionId, Sandbox>();
  private readonly logs = new Map<FunctionId, WriteStream>();
  private readonly metered = new Map<FunctionId, FunctionUsage>();
  private nextId = 0;

  constructor(private readonly options: LocalFunctionsOptions) {
    if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  }

  async invoke(functionId: FunctionId, event: unknown): Promise<unknown> {
    const sandbox = this.sandboxOf(functionId);
    const id = this.nextId++;
    const counted = this.meteredOf(functionId);
    counted.invocations++;
    const started = performance.now();
    const settled = () => {
      counted.durationMs += performance.now() - started;
    };
    return new Promise((resolve, reject) => {
      sandbox.pending.set(id, { resolve, reject });
      sandbox.worker.postMessage({ id, event, now: this.options.now() } satisfies Invocation);
    }).finally(settled);
  }

  /** What Lambda would bill and CloudWatch Logs ingest, per function, since the start. */
  usage(): Record<string, FunctionUsage> {
    return structuredClone(Object.fromEntries(this.metered));
  }

  private meteredOf(functionId: FunctionId): FunctionUsage {
    let counted = this.metered.get(functionId);
    if (!counted) this.metered.set(functionId, (counted = { invocations: 0, durationMs: 0, logBytes: 0 }));
    return counted;
  }

  /** The environment a function runs with (GET /__local/functions shows its names). */
  environmentOf(functionId: FunctionId): Record<string, string> {
    return this.options.environmentOf(functionId);
  }

  async close(): Promise<void> {
    await Promise.all([...this.sandboxes.values()].map(({ worker }) => worker.terminate()));
    this.sandboxes.clear();
    for (const log of this.logs.values()) log.end();
  }

  private sandboxOf(functionId: FunctionId): Sandbox {
    const existing = this.sandboxes.get(functionId);
    if (existing) return existing;
    const memoryMb = this.options.memoryMb ?? 512;
    const setup: WorkerSetup = {
      file: this.options.bundles.functions[functionId],
      functionName: `ccms-local-${functionId}`,
      memoryMb,
      timeoutMs: this.options.timeoutMs ?? timeoutSecondsOf(functionId) * 1000,
      now: this.options.now(),
    };
    const worker = new Worker(this.options.bundles.worker, {
      workerData: setup,
      env: this.options.environmentOf(functionId),
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: true,
      stderr: true,
    });
    const sandbox: Sandbox = { worker, pending: new Map() };
    this.sandboxes.set(functionId, sandbox);
    this.forwardOutput(functionId, worker);
    worker.on('message', (outcome: Outcome) => {
      const waiting = sandbox.pending.get(outcome.id);
      sandbox.pending.delete(outcome.id);
      if ('result' in outcome) {
        waiting?.resolve(outcome.result);
        return;
      }
      if (outcome.initFailed) this.retire(functionId, sandbox);
      waiting?.reject(Object.assign(new Error(outcome.error.message), outcome.error));
    });
    const fail = (error: Error) => {
      this.retire(functionId, sandbox);
      for (const { reject } of sandbox.pending.values()) reject(error);
      sandbox.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The sandbox of ${functionId} exited (code ${code})`)));
    return sandbox;
  }

  private retire(functionId: FunctionId, sandbox: Sandbox) {
    if (this.sandboxes.get(functionId) !== sandbox) return;
    this.sandboxes.delete(functionId);
    void sandbox.worker.terminate();
  }

  private forwardOutput(functionId: FunctionId, worker: Worker) {
    const { logDir } = this.options;
    let log = this.logs.get(functionId);
    if (logDir && !log) {
      log = createWriteStream(path.join(logDir, `${functionId}.log`), { flags: 'a' });
      this.logs.set(functionId, log);
    }
    // Every line goes to the function's log file; warnings and errors (stderr) to this process's console too.
    const counted = this.meteredOf(functionId);
    worker.stdout.on('data', (chunk: Buffer) => {
      counted.logBytes += chunk.length;
      log?.write(chunk);
    });
    worker.stderr.on('data', (chunk: Buffer) => {
      counted.logBytes += chunk.length;
      log?.write(chunk);
      process.stderr.write(chunk);
    });
  }
}
