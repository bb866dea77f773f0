/** The redrive's decisions on AWS's answers, with the SDK clients mocked: what is replayed, kept or reported. */
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parkedSeconds, redrive, type RedriveResult, replay } from '../../functions/workflow/redrive';

const sqs = mockClient(SQSClient);
const streams = mockClient(DynamoDBStreamsClient);
const lambda = mockClient(LambdaClient);
const deps = { sqs: new SQSClient({}), streams: new DynamoDBStreamsClient({}), lambda: new LambdaClient({}) };

const onFailure = (start: string, end: string) =>
  JSON.stringify({
    requestContext: {
      functionArn: 'arn:aws:lambda:ap-south-1:111122223333:function:count',
      condition: 'RetryAttemptsExhausted',
    },
    DDBStreamBatchInfo: {
      shardId: 'shard-1',
      startSequenceNumber: start,
      endSequenceNumber: end,
      streamArn: 'arn:stream',
    },
  });
const change = (sequenceNumber: string) => ({
  eventID: sequenceNumber,
  eventName: 'MODIFY' as const,
  dynamodb: { SequenceNumber: sequenceNumber, Keys: { pk: { S: `COMPLAINT#${sequenceNumber}` } } },
});
const answer = (body: unknown, functionError?: string) => ({
  StatusCode: 200,
  FunctionError: functionError,
  Payload: new TextEncoder().encode(JSON.stringify(body)) as never,
});

beforeEach(() => {
  sqs.reset();
  streams.reset();
  lambda.reset();
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
});

describe('replaying one set-aside message', () => {
  it('hands the function exactly the changes from the first to the last sequence number, as its event source would', async () => {
    streams
      .on(GetRecordsCommand)
      .resolves({ Records: [change('100'), change('200'), change('300')], NextShardIterator: 'it-2' });
    lambda.on(InvokeCommand).resolves(answer({ batchItemFailures: [] }));
    const result = await replay(deps, onFailure('100', '200'));
    expect(result).toEqual({
      outcome: 'REPLAYED',
      changes: 2,
      keys: [{ pk: { S: 'COMPLAINT#100' } }, { pk: { S: 'COMPLAINT#200' } }],
    });
    const event = JSON.parse(
      new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array),
    );
    expect(
      event.Records.map((r: { eventSourceARN: string; dynamodb: { SequenceNumber: string } }) => [
        r.eventSourceARN,
        r.dynamodb.SequenceNumber,
      ]),
    ).toEqual([
      ['arn:stream', '100'],
      ['arn:stream', '200'],
    ]);
  });

  it('reports a function that fails again, whole or in part', async () => {
    streams.on(GetRecordsCommand).resolves({ Records: [change('100')], NextShardIterator: undefined });
    lambda
      .on(InvokeCommand)
      .resolvesOnce(answer({ errorMessage: 'down' }, 'Unhandled'))
      .resolvesOnce(answer({ batchItemFailures: [{ itemIdentifier: '100' }] }));
    expect((await replay(deps, onFailure('100', '100'))).outcome).toBe('FAILED_AGAIN');
    expect(await replay(deps, onFailure('100', '100'))).toMatchObject({
      outcome: 'FAILED_AGAIN',
      reason: expect.stringContaining('from 100'),
    });
  });

  it('says when the stream no longer holds the changes (kept 24 hours), and when the message is not an on-failure record', async () => {
    streams.on(GetShardIteratorCommand).rejects(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));
    expect(await replay(deps, onFailure('100', '100'))).toMatchObject({
      outcome: 'EXPIRED',
      reason: expect.stringContaining('re-arm'),
    });
    expect((await replay(deps, '{"hello":1}')).outcome).toBe('UNREADABLE');
    expect((await replay(deps, 'not json')).outcome).toBe('UNREADABLE');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

describe('redriving a queue', () => {
  it('deletes only the messages it replayed, and receives each message once', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { Body: onFailure('100', '100'), ReceiptHandle: 'replayed' },
          { Body: 'not json', ReceiptHandle: 'kept' },
        ],
      })
      .resolves({ Messages: [] });
    streams.on(GetRecordsCommand).resolves({ Records: [change('100')] });
    lambda.on(InvokeCommand).resolves(answer(null));
    const seen: RedriveResult[] = [];
    const totals = await redrive(deps, 'https://sqs/queue', (result) => seen.push(result));
    expect(totals).toEqual({ replayed: 1, failedAgain: 0, expired: 0, unreadable: 1 });
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle)).toEqual([
      'replayed',
    ]);
    expect(seen.map((result) => result.outcome)).toEqual(['REPLAYED', 'UNREADABLE']);
  });

  it('goes on past a message whose replay throws (a refused invoke), reporting it as failing again', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { Body: onFailure('100', '100'), ReceiptHandle: 'throws' },
          { Body: onFailure('200', '200'), ReceiptHandle: 'replayed' },
        ],
      })
      .resolves({ Messages: [] });
    streams.on(GetRecordsCommand).resolves({ Records: [change('100')] });
    lambda
      .on(InvokeCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }))
      .resolves(answer(null));
    const seen: RedriveResult[] = [];
    const totals = await redrive(deps, 'https://sqs/queue', (result) => seen.push(result));
    expect(totals).toMatchObject({ replayed: 1, failedAgain: 1 });
    expect(seen[0]).toMatchObject({ outcome: 'FAILED_AGAIN', reason: 'TooManyRequestsException: Rate exceeded' });
    expect(sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle)).toEqual([
      'replayed',
    ]);
  });

  it('parks what no retry can replay for 12 hours, and gives back what it had no time to try', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          { Body: 'not json', ReceiptHandle: 'unreadable' },
          { Body: onFailure('100', '100'), ReceiptHandle: 'untried' },
        ],
      })
      .resolves({ Messages: [] });
    let tries = 0;
    await redrive(deps, 'https://sqs/queue', () => undefined, { park: true, timeLeft: () => tries++ < 2 });
    expect(
      sqs
        .commandCalls(ChangeMessageVisibilityCommand)
        .map((call) => [call.args[0].input.ReceiptHandle, call.args[0].input.VisibilityTimeout]),
    ).toEqual([
      ['unreadable', parkedSeconds],
      ['untried', 0],
    ]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it("receives at most `limit` messages in a run (the sweeper's bound); the rest wait for the next", async () => {
    const message = (n: number) => ({ Body: onFailure(String(n), String(n)), ReceiptHandle: `r${n}` });
    sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages: number }) => ({
      Messages: Array.from({ length: input.MaxNumberOfMessages }, (_, i) => message(100 + i)),
    }));
    streams.on(GetRecordsCommand).resolves({ Records: [change('100')] });
    lambda.on(InvokeCommand).resolves(answer(null));
    const totals = await redrive(deps, 'https://sqs/queue', () => undefined, { limit: 13 });
    expect(totals.replayed).toBe(13);
    expect(sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input.MaxNumberOfMessages)).toEqual([
      10, 3,
    ]);
  });
});
