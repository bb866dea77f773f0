/** What a piece of work cost the local cloud, read from its meters (GET /__local/usage) before and after. */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localTableName } from '../../local/dynamodb';
import { request } from '../integration/http';

interface FunctionUsage {
  invocations: number;
  durationMs: number;
  logBytes: number;
}

export interface CloudUsage {
  functions: Record<string, FunctionUsage>;
  dynamoDb: {
    readUnits: number;
    writeUnits: number;
    requests: number;
    operations: Record<string, { calls: number; readUnits: number; writeUnits: number }>;
  };
  kmsRequests: number;
  stateTransitions: number;
  executions: number;
  messages: Record<string, number>;
  smsParts: number;
}

export const cloudUsage = async () => (await request('GET', '/__local/usage')).body as CloudUsage;

/** What happened between two readings. */
export interface UsageDelta {
  invocations: number;
  /** Invocations by function. */
  byFunction: Record<string, number>;
  functionMs: number;
  logBytes: number;
  readUnits: number;
  writeUnits: number;
  dynamoDbCalls: Record<string, number>;
  kmsRequests: number;
  stateTransitions: number;
  executions: number;
  messages: Record<string, number>;
  /** SMS and OTP messages as billed: parts of 70 UCS-2 characters (Bengali) or 160 GSM-7. */
  smsParts: number;
}

const minus = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([name, value]) => [name, value - (before[name] ?? 0)])
      .filter(([, value]) => (value as number) !== 0),
  ) as Record<string, number>;

export const usageBetween = (before: CloudUsage, after: CloudUsage): UsageDelta => {
  const sum = (usage: CloudUsage, field: keyof FunctionUsage) =>
    Object.values(usage.functions).reduce((total, counted) => total + counted[field], 0);
  const byFunction = minus(
    Object.fromEntries(Object.entries(after.functions).map(([name, counted]) => [name, counted.invocations])),
    Object.fromEntries(Object.entries(before.functions).map(([name, counted]) => [name, counted.invocations])),
  );
  const calls = (usage: CloudUsage) =>
    Object.fromEntries(Object.entries(usage.dynamoDb.operations).map(([name, counted]) => [name, counted.calls]));
  return {
    invocations: sum(after, 'invocations') - sum(before, 'invocations'),
    byFunction,
    functionMs: sum(after, 'durationMs') - sum(before, 'durationMs'),
    logBytes: sum(after, 'logBytes') - sum(before, 'logBytes'),
    readUnits: after.dynamoDb.readUnits - before.dynamoDb.readUnits,
    writeUnits: after.dynamoDb.writeUnits - before.dynamoDb.writeUnits,
    dynamoDbCalls: minus(calls(after), calls(before)),
    kmsRequests: after.kmsRequests - before.kmsRequests,
    stateTransitions: after.stateTransitions - before.stateTransitions,
    executions: after.executions - before.executions,
    messages: minus(after.messages, before.messages),
    smsParts: after.smsParts - before.smsParts,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the cloud is quiet (nothing invoked, written or sent for a second), and reads its meters; after 300 filings that takes minutes here. */
export const settledUsage = async (): Promise<CloudUsage> => {
  const fingerprint = (usage: CloudUsage) =>
    JSON.stringify({ ...usage, functions: Object.values(usage.functions).map((counted) => counted.invocations) });
  let last = fingerprint(await cloudUsage());
  for (let round = 0; round < 300; round++) {
    await sleep(1_000);
    const now = await cloudUsage();
    if (fingerprint(now) === last) return now;
    last = fingerprint(now);
  }
  throw new Error('the local cloud did not settle within five minutes');
};

/** Writes items straight to DynamoDB Local (what a bench seeds), four batches of 25 at a time. */
export const writeAll = async (client: DynamoDBDocumentClient, items: Record<string, unknown>[]) => {
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, n) => items.slice(n * 25, n * 25 + 25));
  const writeBatches = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const answer = await client.send(new BatchWriteCommand({ RequestItems: { [localTableName]: pending } }));
        pending = (answer.UnprocessedItems?.[localTableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, writeBatches));
};
