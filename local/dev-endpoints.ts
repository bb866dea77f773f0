/**
 * The local cloud's dev-only endpoints under /__local: the outbox, the virtual clock, each
 * function's environment and logs, the stream's set-aside changes and its pause, the DynamoDB
 * proxy's meter, faults to inject, the workflow executions (and stopping those still waiting, which
 * each test file does when it ends), and what AWS would bill. None of them exists in the stack.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type FunctionId, functionCatalog, scheduledFunctions } from '../functions/catalog';
import type { DynamoDbProxy } from './dynamodb-proxy';
import { type FaultPoint, type Faults, faultPoints } from './faults';
import type { LocalFunctions } from './functions';
import type { DevEndpoint } from './gateway';
import type { LocalKms } from './kms';
import { smsPartsOf } from '../functions/domain/sms';
import type { Outbox } from './outbox';
import type { ExecutionRecord, LocalStepFunctions } from './stepfunctions';
import type { DeadLetter, LocalTableStream } from './streams';
import type { OpsResources } from '../ops/resources';
import { type LocalWafChallenge, standInScript } from './waf-challenge';
import { parseIsoDuration, type VirtualClock } from './virtual-clock';

export interface DevParts {
  clock: VirtualClock;
  /** Where the clock's offset is kept between runs. */
  clockFile: string;
  outbox: Outbox;
  functions: LocalFunctions;
  logDir: string;
  deadLetters: readonly DeadLetter[];
  dynamoDbProxy: DynamoDbProxy;
  kms: LocalKms;
  stepFunctions: LocalStepFunctions;
  faults: Faults;
  /** The table stream of each stream consumer. */
  streams: Record<string, LocalTableStream>;
  /** What the operators' tools (ops/) work on, as CloudFormation's outputs name it in AWS. */
  resources: OpsResources;
  challenge: LocalWafChallenge;
}

const ok = (body: unknown) => ({ status: 200, body });
const invalid = (message: string) => ({ status: 400, body: { error: { code: 'INVALID_REQUEST', message } } });

const countsOf = (names: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
};

const executionStatuses: readonly ExecutionRecord['status'][] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED'];

/**
 * Stops every execution still running once the cloud has settled (what a test file left waiting:
 * timers, webhook retries, exports), until none is left; answers how many were stopped. The next
 * file's clock moves then fire only the timers it starts itself.
 */
const stopRunningExecutions = async ({ clock, stepFunctions }: DevParts) => {
  let stopped = 0;
  for (let round = 0; round < 20; round++) {
    await clock.settle();
    const running = stepFunctions.listExecutions({ statusFilter: 'RUNNING' }).executions;
    if (running.length === 0) return { stopped };
    for (const { executionArn } of running) {
      stepFunctions.stopExecution({ executionArn, error: 'Local.Cleanup', cause: 'Stopped when a test file ended.' });
    }
    stopped += running.length;
  }
  throw new Error('Executions kept starting after 20 rounds of stopping them.');
};

export const devEndpoints = (parts: DevParts): DevEndpoint[] => {
  const { clock, clockFile, outbox, functions, logDir, dynamoDbProxy, kms, stepFunctions, faults, streams } = parts;
  const streamUsage = () =>
    Object.fromEntries(Object.entries(streams).map(([consumer, stream]) => [consumer, stream.usage()]));
  return [
    {
      method: 'GET',
      path: '/__local/outbox',
      // ?to=, ?channel=, ?mentions= (a tracking number, say) and ?after=<id> narrow the list.
      handle: async (_body, query) => {
        const after = query.get('after');
        if (after !== null && !/^\d+$/.test(after)) return invalid('after is the id of a message: a whole number.');
        return ok(
          outbox.find({
            to: query.get('to') ?? undefined,
            channel: query.get('channel') ?? undefined,
            mentions: query.get('mentions') ?? undefined,
            after: after === null ? undefined : Number(after),
          }),
        );
      },
    },
    { method: 'GET', path: '/__local/clock', handle: async () => ok({ now: clock.now().toISOString() }) },
    {
      method: 'POST',
      path: '/__local/clock',
      handle: async (body) => {
        const advance = (body as { advance?: unknown } | undefined)?.advance;
        let ms: number;
        try {
          if (typeof advance !== 'string')
            throw new Error('Send {"advance": "<ISO-8601 duration>"}, for example {"advance": "P7D"}.');
          ms = parseIsoDuration(advance);
        } catch (error) {
          return invalid((error as Error).message);
        }
        const before = clock.now().toISOString();
        const now = await clock.advance(ms);
        writeFileSync(clockFile, JSON.stringify({ offsetMs: clock.offsetMs() }));
        return ok({ before, now: now.toISOString(), advancedBy: advance });
      },
    },
    {
      method: 'GET',
      path: '/__local/functions',
      // Each function's environment variable names (values hold endpoints and ARNs only, but names are what a test compares).
      handle: async () =>
        ok(
          Object.fromEntries(
            (Object.keys(functionCatalog) as FunctionId[]).map((functionId) => [
              functionId,
              Object.keys(functions.environmentOf(functionId)).sort(),
            ]),
          ),
        ),
    },
    {
      method: 'GET',
      path: '/__local/logs',
      // Each function's log lines, as its CloudWatch log group would hold them.
      handle: async () =>
        ok(
          Object.fromEntries(
            (Object.keys(functionCatalog) as FunctionId[]).map((functionId) => {
              const file = path.join(logDir, `${functionId}.log`);
              const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
              return [functionId, lines.filter((line) => line.trim() !== '')];
            }),
          ),
        ),
    },
    { method: 'GET', path: '/__local/dead-letters', handle: async () => ok(parts.deadLetters) },
    { method: 'GET', path: '/__local/resources', handle: async () => ok(parts.resources) },
    // The stand-in for AWS WAF's JavaScript integration (config.json names it), and the tokens it obtains.
    {
      method: 'GET',
      path: '/__local/waf/challenge.js',
      handle: async () => ({ status: 200, body: standInScript, contentType: 'text/javascript; charset=utf-8' }),
    },
    { method: 'POST', path: '/__local/waf/token', handle: async () => ok(parts.challenge.issue()) },
    {
      method: 'POST',
      path: '/__local/stream',
      // {"paused": true} holds the stream's records back from every consumer until {"paused": false}: `npm run bench` times a backlog's hand-off.
      handle: async (body) => {
        const paused = (body as { paused?: unknown } | undefined)?.paused;
        if (typeof paused !== 'boolean') return invalid('Send {"paused": true} or {"paused": false}.');
        await Promise.all(Object.values(streams).map((stream) => stream.pause(paused)));
        return ok(streamUsage());
      },
    },
    {
      method: 'GET',
      path: '/__local/dynamodb',
      handle: async () =>
        ok({
          endpoint: dynamoDbProxy.endpoint,
          transactionConflicts: dynamoDbProxy.conflicts(),
          usage: dynamoDbProxy.usage(),
        }),
    },
    {
      method: 'GET',
      path: '/__local/usage',
      // What AWS would bill so far: function invocations, time and log bytes; DynamoDB units; state transitions; messages.
      handle: async () => {
        const executions = stepFunctions.listExecutions().executions;
        const messages = outbox.list();
        return ok({
          functions: functions.usage(),
          dynamoDb: dynamoDbProxy.usage(),
          kmsRequests: kms.requests,
          stateTransitions: executions.reduce((sum, execution) => sum + execution.statesEntered.length, 0),
          executions: executions.length,
          messages: countsOf(messages.map((message) => message.channel)),
          smsParts: messages.reduce(
            (sum, message) =>
              sum + (message.channel === 'sms' || message.channel === 'otp' ? smsPartsOf(String(message.body)) : 0),
            0,
          ),
          stream: streamUsage(),
        });
      },
    },
    {
      method: 'POST',
      path: '/__local/dynamodb/requests',
      // The latest requests after {"after": <sequence>}, for `npm run bench` to replay as a floor.
      handle: async (body) =>
        ok(dynamoDbProxy.requestsAfter(Number((body as { after?: unknown } | undefined)?.after) || 0)),
    },
    { method: 'GET', path: '/__local/faults', handle: async () => ok({ points: faultPoints, ...faults.report() }) },
    {
      method: 'POST',
      path: '/__local/faults',
      handle: async (body) => {
        const {
          point,
          times = 1,
          target,
          clear,
          skip = 0,
          caller,
          oneCall = false,
        } = (body ?? {}) as {
          point?: string;
          times?: number | 'untilCleared';
          target?: unknown;
          clear?: boolean;
          skip?: number;
          caller?: unknown;
          oneCall?: unknown;
        };
        if (clear === true) {
          faults.clear();
          return ok(faults.report());
        }
        const validTarget = typeof target === 'string' && target.trim().length >= 3;
        // A fault for every matching call until cleared, for a test whose retries and replays are too many to count.
        const validTimes = times === 'untilCleared' || (Number.isInteger(times) && times >= 1 && times <= 100);
        const validSkip = Number.isInteger(skip) && skip >= 0 && skip <= 1_000;
        const validCaller = caller === undefined || (typeof caller === 'string' && /^[A-Za-z0-9]+$/.test(caller));
        if (
          !faultPoints.includes(point as FaultPoint) ||
          !validTimes ||
          !validTarget ||
          !validSkip ||
          !validCaller ||
          typeof oneCall !== 'boolean'
        ) {
          return invalid(
            `Send {"point": one of ${faultPoints.join(', ')}, "times": 1-100 or "untilCleared", "target": a phone, tracking number, merchant id or topic the fault is for, "skip": matching calls to let through first (0-1000), "caller": only a function's own calls (DynamoDB), "oneCall": every failure on the first call tripped (its retries)}, or {"clear": true}.`,
          );
        }
        faults.arm(point as FaultPoint, times === 'untilCleared' ? Number.POSITIVE_INFINITY : times, target, {
          skip,
          oneCall,
          ...(typeof caller === 'string' && { caller }),
        });
        return ok(faults.report());
      },
    },
    {
      method: 'GET',
      path: '/__local/executions',
      // ?name=<prefix> (a tracking number, say) and ?status=RUNNING narrow the list.
      handle: async (_body, query) => {
        const status = query.get('status');
        if (status !== null && !executionStatuses.includes(status as ExecutionRecord['status'])) {
          return invalid(`status is one of ${executionStatuses.join(', ')}.`);
        }
        const prefix = query.get('name') ?? '';
        const { executions } = stepFunctions.listExecutions({
          ...(status !== null && { statusFilter: status as ExecutionRecord['status'] }),
        });
        return ok(executions.filter((execution) => execution.name.startsWith(prefix)));
      },
    },
    // What EventBridge runs on a schedule in AWS (functions/catalog.ts scheduledFunctions), run now;
    // the body is the event ({} as the schedule sends, or {"trackingNumbers": [...]} to limit the sweep).
    ...Object.keys(scheduledFunctions).map(
      (functionId): DevEndpoint => ({
        method: 'POST',
        path: `/__local/schedules/${functionId}`,
        // A function that fails answers 502 with its error, as Lambda's invoke reports a function error.
        handle: async (body: unknown) => {
          try {
            return ok(await clock.track(() => functions.invoke(functionId as FunctionId, body ?? {})));
          } catch (error) {
            return { status: 502, body: { error: { code: 'INTERNAL', message: (error as Error).message } } };
          }
        },
      }),
    ),
    {
      method: 'POST',
      path: '/__local/executions/stop-running',
      handle: async () => ok(await stopRunningExecutions(parts)),
    },
  ];
};
