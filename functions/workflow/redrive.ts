/**
 * Replays the complaint changes a stream consumer set aside: the sweeper does it every run
 * (functions/workflow/sweep-timers.ts, a bounded number), an operator with `npm run ops -- redrive`. Each message
 * of its on-failure queue says where the changes are in the table's stream (shard, first and last
 * sequence numbers) and which function failed; the changes are read back from the stream and
 * handed to that function again, as its event source would. A replay that succeeds removes the
 * message; one that fails again leaves it for later (it reappears after its visibility timeout).
 * The stream keeps changes 24 hours: an older message is reported, and its complaints need
 * `rearm` (their timers) instead.
 */
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse } from 'aws-lambda';

/** The parts of Lambda's on-failure record for a stream event source that a replay needs. */
interface SetAsideRecord {
  requestContext: { functionArn: string; condition: string };
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; streamArn: string };
}

export type RedriveResult =
  | { outcome: 'REPLAYED'; changes: number; keys: unknown[] }
  | { outcome: 'FAILED_AGAIN'; reason: string; keys: unknown[] }
  | { outcome: 'EXPIRED'; reason: string }
  | { outcome: 'UNREADABLE'; reason: string };

const isSetAsideRecord = (value: unknown): value is SetAsideRecord => {
  const record = value as Partial<SetAsideRecord> | null;
  const info = record?.DDBStreamBatchInfo;
  return (
    typeof record?.requestContext?.functionArn === 'string' &&
    typeof info?.shardId === 'string' &&
    typeof info.startSequenceNumber === 'string' &&
    typeof info.endSequenceNumber === 'string' &&
    typeof info.streamArn === 'string'
  );
};

/** The stream's records from `start` to `end` (sequence numbers compare as numbers). */
const readChanges = async (streams: DynamoDBStreamsClient, info: SetAsideRecord['DDBStreamBatchInfo']) => {
  const end = BigInt(info.endSequenceNumber);
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: info.streamArn,
      ShardId: info.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: info.startSequenceNumber,
    }),
  );
  const changes: _Record[] = [];
  let iterator = ShardIterator;
  // An open shard answers empty pages at its end: a few in a row mean nothing more is coming.
  for (let emptyPages = 0; iterator && emptyPages < 3; ) {
    const { Records = [], NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    emptyPages = Records.length === 0 ? emptyPages + 1 : 0;
    for (const record of Records) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? '0') > end) return changes;
      changes.push(record);
    }
    iterator = NextShardIterator;
  }
  return changes;
};

/** The records as Lambda's DynamoDB event source hands them to a function. */
const asEvent = (records: _Record[], streamArn: string) => ({
  Records: records.map((record) => ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime:
        record.dynamodb?.ApproximateCreationDateTime === undefined
          ? undefined
          : Math.floor(new Date(record.dynamodb.ApproximateCreationDateTime).getTime() / 1000),
    },
  })),
});

/**
 * What a failed invocation said, short: its error type and the start of its message. Not the whole
 * answer (a stack trace, what a downstream service said), which goes to logs.
 */
const errorOf = (payload: string) => {
  let said: { errorType?: unknown; errorMessage?: unknown } | undefined;
  try {
    said = JSON.parse(payload) as typeof said;
  } catch {
    said = undefined;
  }
  const text =
    said && typeof said === 'object' && (said.errorType !== undefined || said.errorMessage !== undefined)
      ? `${String(said.errorType ?? 'Error')}: ${String(said.errorMessage ?? '')}`
      : payload;
  return text.slice(0, 200);
};

/** Replays one set-aside message; answers what happened (the message is deleted only when replayed). */
export const replay = async (
  deps: { streams: DynamoDBStreamsClient; lambda: LambdaClient },
  body: string,
): Promise<RedriveResult> => {
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    return { outcome: 'UNREADABLE', reason: 'the message is not JSON' };
  }
  if (!isSetAsideRecord(record))
    return { outcome: 'UNREADABLE', reason: 'the message is not a stream on-failure record' };
  const info = record.DDBStreamBatchInfo;
  let changes: _Record[];
  try {
    changes = await readChanges(deps.streams, info);
  } catch (error) {
    if (error instanceof TrimmedDataAccessException || (error as Error).name === 'ResourceNotFoundException')
      return {
        outcome: 'EXPIRED',
        reason: `the stream no longer holds ${info.startSequenceNumber} (changes are kept 24 hours): re-arm the complaints' timers`,
      };
    throw error;
  }
  if (changes.length === 0)
    return { outcome: 'EXPIRED', reason: `the stream no longer holds ${info.startSequenceNumber}` };
  const keys = changes.map((change) => change.dynamodb?.Keys);
  const answer = await deps.lambda.send(
    new InvokeCommand({
      FunctionName: record.requestContext.functionArn,
      Payload: new TextEncoder().encode(JSON.stringify(asEvent(changes, info.streamArn))),
    }),
  );
  const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
  if (answer.FunctionError)
    return { outcome: 'FAILED_AGAIN', reason: `${answer.FunctionError}: ${errorOf(text)}`, keys };
  let failures: DynamoDBBatchResponse['batchItemFailures'];
  try {
    failures = (text ? (JSON.parse(text) as DynamoDBBatchResponse | null) : null)?.batchItemFailures ?? [];
  } catch {
    return { outcome: 'FAILED_AGAIN', reason: `the function answered what is not JSON: ${errorOf(text)}`, keys };
  }
  if (failures.length > 0)
    return {
      outcome: 'FAILED_AGAIN',
      reason: `${failures.length} of ${changes.length} changes failed again, from ${failures[0]!.itemIdentifier}`,
      keys,
    };
  return { outcome: 'REPLAYED', changes: changes.length, keys };
};

/** How long a message that cannot be replayed by anyone's retry (too old, unreadable) is hidden from the sweeper: 12 hours, SQS's longest. */
export const parkedSeconds = 12 * 3600;

export interface RedriveOptions {
  /** At most this many messages received in the run (all by default). */
  limit?: number;
  /** Whether there is time for one more replay; when not, the messages received and not tried are released at once. */
  timeLeft?: () => boolean;
  /** Hide messages no retry can replay (too old, unreadable) for 12 hours, so they do not take the next runs' places. */
  park?: boolean;
}

/**
 * Replays the messages of a set-aside queue, each once; each result is passed to `report` as it
 * comes. A message whose replay throws (a throttled stream, a refused invoke) is reported as
 * failing again and the run goes on.
 */
export const redrive = async (
  deps: { sqs: SQSClient; streams: DynamoDBStreamsClient; lambda: LambdaClient },
  queueUrl: string,
  report: (result: RedriveResult) => void,
  { limit = Number.POSITIVE_INFINITY, timeLeft = () => true, park = false }: RedriveOptions = {},
) => {
  const totals = { replayed: 0, failedAgain: 0, expired: 0, unreadable: 0 };
  const hide = (receiptHandle: string | undefined, seconds: number) =>
    deps.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  // Each message is received once: one that fails stays invisible for the rest of this run.
  for (let received = 0; received < limit && timeLeft(); ) {
    const { Messages = [] } = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, limit - received),
        VisibilityTimeout: 900,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) return totals;
    received += Messages.length;
    for (const [index, message] of Messages.entries()) {
      if (!timeLeft()) {
        // Out of time: what was received and not tried goes back for the next run.
        for (const untried of Messages.slice(index)) await hide(untried.ReceiptHandle, 0);
        return totals;
      }
      let result: RedriveResult;
      try {
        result = await replay(deps, message.Body ?? '');
      } catch (error) {
        result = {
          outcome: 'FAILED_AGAIN',
          reason: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 200),
          keys: [],
        };
      }
      report(result);
      if (result.outcome === 'REPLAYED') {
        totals.replayed++;
        await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      } else if (result.outcome === 'FAILED_AGAIN') totals.failedAgain++;
      else {
        if (result.outcome === 'EXPIRED') totals.expired++;
        else totals.unreadable++;
        if (park) await hide(message.ReceiptHandle, parkedSeconds);
      }
    }
  }
  return totals;
};
