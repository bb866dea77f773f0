/**
 * Step Functions, locally: the statemachines/ ASL file, with its definition substitutions filled
 * in, run by aws-local-stepfunctions. It answers the Step Functions JSON protocol on its own port
 * (StartExecution, DescribeExecution, StopExecution, ListExecutions), so the functions' unchanged
 * SFN client starts workflows here (AWS_ENDPOINT_URL_SFN).
 *
 * Task states are bound by their Resource, as AWS would: `lambda:invoke` runs the named function's
 * handler in this process, `sns:publish` publishes to the local SNS. Executions are saved to a
 * file; ones that were running when the local cloud stopped are run again from the start on the
 * next start. That is safe because every task is idempotent and every Wait reads an absolute
 * deadline, so a rerun never shifts a deadline.
 */
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionJournal, type ExecutionOutcome, type ExecutionRecord } from './execution-journal';
import { InjectedFault, type Faults } from './faults';
import { allowLongTimeouts } from './long-timeouts';
import type { LocalSns } from './sns';

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

export type TaskFunction = (payload: unknown) => Promise<unknown>;

export type { ExecutionRecord } from './execution-journal';

/** The JSON protocol sends timestamps as epoch seconds. */
const epochSeconds = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso) / 1000);
const onTheWire = (execution: ExecutionRecord) => ({
  ...execution,
  startDate: epochSeconds(execution.startDate),
  stopDate: epochSeconds(execution.stopDate),
});

interface LocalStateMachine {
  arn: string;
  definition: StateMachineDefinition;
  /** The definition validated and parsed once; each execution is a run of it. */
  engine: StateMachine;
  /** Each Task state bound to its local implementation. */
  handlers: Record<string, TaskFunction>;
}

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export const substitute = (aslText: string, substitutions: Record<string, string>): string =>
  aslText.replace(/\$\{(\w+)\}/g, (_whole, name: string) => {
    if (!(name in substitutions)) throw new Error(`The ASL uses \${${name}} but no substitution was given for it`);
    return substitutions[name]!;
  });

export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly aborts = new Map<string, () => void>();
  private server?: Server;
  /** Set while the local cloud stops: aborted runs stay RUNNING on file, to be resumed next start. */
  private closing = false;

  private readonly journal: ExecutionJournal;

  constructor(
    private readonly options: {
      region: string;
      account: string;
      /** The journal of executions (JSON lines, appended), kept across restarts. */
      journalFile: string;
      /** The whole-file form earlier versions kept, read once into the journal. */
      legacyExecutionsFile?: string;
      taskFunctions: Record<string, TaskFunction>;
      sns: LocalSns;
      track: <T>(work: () => Promise<T>) => Promise<T>;
      faults?: Faults;
    },
  ) {
    allowLongTimeouts();
    this.journal = new ExecutionJournal(options.journalFile, options.legacyExecutionsFile);
    for (const [arn, record] of this.journal.loaded) this.executions.set(arn, record);
  }

  createStateMachine(name: string, aslText: string, substitutions: Record<string, string>): string {
    const arn = `arn:aws:states:${this.options.region}:${this.options.account}:stateMachine:${name}`;
    const definition = JSON.parse(substitute(aslText, substitutions)) as StateMachineDefinition;
    // Validating a definition compiles JSON schemas: done here once, not for every execution.
    const engine = new StateMachine(definition, { validationOptions: { checkArn: false } });
    this.machines.set(arn, { arn, definition, engine, handlers: this.taskHandlers(definition) });
    return arn;
  }

  /** Runs again every execution that was still running when the local cloud last stopped. */
  resumeInterruptedExecutions(): number {
    const interrupted = [...this.executions.values()].filter(
      (e) => e.status === 'RUNNING' && this.machines.has(e.stateMachineArn),
    );
    for (const execution of interrupted) {
      execution.statesEntered = [];
      this.journal.append({ arn: execution.executionArn, rerun: true });
      this.run(execution);
    }
    return interrupted.length;
  }

  startExecution(request: { stateMachineArn: string; name?: string; input?: string }) {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine)
      throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? crypto.randomUUID();
    const input = request.input ?? '{}';
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As in AWS: the same name and input while running is idempotent; anything else is refused.
      if (existing.status === 'RUNNING' && existing.input === input)
        return { executionArn, startDate: existing.startDate };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
      statesEntered: [],
    };
    this.executions.set(executionArn, execution);
    this.journal.append({ started: execution });
    this.run(execution);
    return { executionArn, startDate: execution.startDate };
  }

  stopExecution(request: { executionArn: string; error?: string; cause?: string }) {
    const execution = this.executions.get(request.executionArn);
    if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${request.executionArn}'`);
    if (execution.status === 'RUNNING') {
      this.aborts.get(execution.executionArn)?.();
      this.finish(execution, { status: 'ABORTED', error: request.error, cause: request.cause });
    }
    return { stopDate: execution.stopDate };
  }

  describeExecution(request: { executionArn: string }) {
    const execution = this.executions.get(request.executionArn);
    if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${request.executionArn}'`);
    return execution;
  }

  listExecutions(request: { stateMachineArn?: string; statusFilter?: ExecutionRecord['status'] } = {}) {
    return {
      executions: [...this.executions.values()].filter(
        (e) =>
          (!request.stateMachineArn || e.stateMachineArn === request.stateMachineArn) &&
          (!request.statusFilter || e.status === request.statusFilter),
      ),
    };
  }

  async listen(): Promise<string> {
    const actions: Record<string, (body: never) => unknown> = {
      StartExecution: (body) => {
        const started = this.startExecution(body);
        return { ...started, startDate: epochSeconds(started.startDate) };
      },
      StopExecution: (body) => ({ stopDate: epochSeconds(this.stopExecution(body).stopDate) }),
      DescribeExecution: (body) => onTheWire(this.describeExecution(body)),
      ListExecutions: (body) => ({ executions: this.listExecutions(body).executions.map(onTheWire) }),
    };
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const action = String(request.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
        const send = (status: number, body: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(JSON.stringify(body));
        };
        const fail = (error: unknown) => {
          if (error instanceof ApiError)
            send(error.type === 'ServiceUnavailable' ? 503 : 400, { __type: error.type, message: error.message });
          else send(500, { __type: 'InternalFailure', message: (error as Error).message });
        };
        try {
          const handle = actions[action];
          if (!handle)
            throw new ApiError('UnknownOperationException', `The local Step Functions does not support ${action}.`);
          const text = Buffer.concat(chunks).toString('utf8') || '{}';
          // The subject of a start or stop: its execution name, arn and input.
          const faulted =
            action === 'StartExecution' || action === 'StopExecution'
              ? this.options.faults?.tripFor(`sfn.${action}`, text)
              : undefined;
          void Promise.resolve(faulted)
            .then((fault) => {
              if (fault) throw new ApiError('ServiceUnavailable', `injected fault at sfn.${action}`);
              send(200, handle(JSON.parse(text) as never));
            })
            .catch(fail);
          return;
        } catch (error) {
          fail(error);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close() {
    this.closing = true;
    for (const abort of this.aborts.values()) abort();
    const server = this.server;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private run(execution: ExecutionRecord) {
    const machine = this.machines.get(execution.stateMachineArn)!;
    const run = machine.engine.run(JSON.parse(execution.input), {
      overrides: { taskResourceLocalHandlers: machine.handlers as LocalHandlers },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: execution.executionArn, Name: execution.name, StartTime: execution.startDate },
        StateMachine: { Id: machine.arn, Name: machine.arn.split(':').at(-1) },
      },
    });
    this.aborts.set(execution.executionArn, run.abort);
    void (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === 'StateEntered') {
          execution.statesEntered.push(event.state.name);
          this.journal.append({ arn: execution.executionArn, entered: event.state.name });
        } else if (event.type === 'StateFailed') {
          const failure = `${event.state.name}: ${event.Error}: ${String(event.Cause)}`;
          (execution.taskFailures ??= []).push(failure);
          this.journal.append({ arn: execution.executionArn, taskFailed: failure });
        }
      }
    })();
    run.result.then(
      (output) => {
        if (execution.status === 'RUNNING')
          this.finish(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) });
      },
      (error: Error & { cause?: unknown }) => {
        if (execution.status === 'RUNNING') {
          this.finish(execution, { status: 'FAILED', error: error.name, cause: error.message });
        }
      },
    );
  }

  private finish(execution: ExecutionRecord, outcome: Omit<ExecutionOutcome, 'stopDate'>) {
    if (this.closing) return;
    const finished = { ...outcome, stopDate: new Date().toISOString() };
    Object.assign(execution, finished);
    this.aborts.delete(execution.executionArn);
    this.journal.append({ arn: execution.executionArn, finished });
  }

  /** Binds each Task state to a local implementation by its Resource, as the service integration would. */
  private taskHandlers(definition: StateMachineDefinition): Record<string, TaskFunction> {
    const handlers: Record<string, TaskFunction> = {};
    for (const [stateName, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue;
      if (state.Resource === 'arn:aws:states:::lambda:invoke') {
        handlers[stateName] = (input) =>
          this.options.track(async () => {
            const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
            const task = this.options.taskFunctions[FunctionName];
            if (!task) throw new Error(`No local function is bound to ${FunctionName}`);
            const result = await task(Payload);
            if (await this.options.faults?.tripFor('task.crashAfterRun', JSON.stringify(Payload)))
              throw new InjectedFault('task.crashAfterRun');
            return { StatusCode: 200, Payload: result };
          });
      } else if (state.Resource === 'arn:aws:states:::sns:publish') {
        handlers[stateName] = (input) =>
          this.options.track(async () => {
            const {
              TopicArn,
              Message,
              MessageAttributes = {},
            } = input as {
              TopicArn: string;
              Message: unknown;
              MessageAttributes?: Record<string, { StringValue: string }>;
            };
            const messageId = await this.options.sns.publish({
              topicArn: TopicArn,
              message: typeof Message === 'string' ? Message : JSON.stringify(Message),
              attributes: Object.fromEntries(Object.entries(MessageAttributes).map(([k, v]) => [k, v.StringValue])),
            });
            return { MessageId: messageId };
          });
      } else if (state.Resource === 'arn:aws:states:::states:startExecution') {
        // The service integration: an execution of a state machine of this engine, its Input as given (an object is sent as JSON).
        handlers[stateName] = async (input) => {
          const { StateMachineArn, Name, Input } = input as { StateMachineArn: string; Name?: string; Input?: unknown };
          try {
            const started = this.startExecution({
              stateMachineArn: StateMachineArn,
              name: Name,
              input: Input === undefined ? undefined : typeof Input === 'string' ? Input : JSON.stringify(Input),
            });
            return { ExecutionArn: started.executionArn, StartDate: started.startDate };
          } catch (error) {
            if (error instanceof ApiError)
              throw new IntegrationError(`StepFunctions.${error.type}Exception`, error.message);
            throw error;
          }
        };
      } else {
        throw new Error(`State ${stateName} uses ${state.Resource}, which the local cloud cannot run yet`);
      }
    }
    return handlers;
  }
}

export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** An error as a service integration reports it to the state machine (its name is what Retry and Catch match). */
class IntegrationError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}
