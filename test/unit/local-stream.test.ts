/**
 * The local table stream hands changes to the consumer as Lambda's event source mapping does with a
 * parallelization factor: batches of different partition keys at once, the changes of one key in
 * order, a failed batch retried from its failed record without holding up the other lanes.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { laneOf, lanesOf, LocalTableStream, type DeadLetter } from '../../local/streams';
import { realSleep } from '../../local/virtual-clock';

const streams = mockClient(DynamoDBStreamsClient);
const tables = mockClient(DynamoDBClient);

/** `count` changes spread over `complaints` complaints, in stream order. */
const changes = (count: number, complaints: number): _Record[] =>
  Array.from({ length: count }, (_, n) => ({
    eventID: `e${n}`,
    eventName: 'MODIFY',
    dynamodb: {
      Keys: { pk: { S: `COMPLAINT#C${n % complaints}` }, sk: { S: 'COMPLAINT' } },
      SequenceNumber: String(1000 + n),
    },
  }));

/** A shard holding `records`, read once. */
const shardHolding = (records: _Record[]) => {
  tables.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: 'arn:stream' } });
  streams.on(DescribeStreamCommand).resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1' }] } });
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-0' });
  streams
    .on(GetRecordsCommand, { ShardIterator: 'it-0' })
    .resolves({ Records: records, NextShardIterator: 'it-1' })
    .on(GetRecordsCommand, { ShardIterator: 'it-1' })
    .resolves({ Records: [], NextShardIterator: 'it-1' });
};

const streamTo = (consumer: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stream-'));
  const setAside: DeadLetter[] = [];
  const stream = new LocalTableStream({
    endpoint: 'http://127.0.0.1:1',
    dynamoDb: new DynamoDBClient({ region: 'ap-south-1' }),
    tableName: 'table',
    name: 'changes',
    positionsFile: path.join(dir, 'positions.json'),
    consumer: (event) => consumer(event as DynamoDBStreamEvent),
    log: () => undefined,
    policy: { batchSize: 5, bisectBatchOnError: true, retryAttempts: 2, parallelizationFactor: 4 },
    onFailure: (letter) => setAside.push(letter),
  });
  return { stream, setAside, positions: () => JSON.parse(readFileSync(path.join(dir, 'positions.json'), 'utf8')) };
};

const keyOf = (record: { dynamodb?: { Keys?: Record<string, { S?: string }> } }) => record.dynamodb!.Keys!.pk!.S!;
const sequenceOf = (record: { dynamodb?: { SequenceNumber?: string } }) => Number(record.dynamodb!.SequenceNumber);

let running: LocalTableStream | undefined;
beforeEach(() => {
  streams.reset();
  tables.reset();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('lanes', () => {
  it('put every change of one partition key in the same lane, in stream order', () => {
    const records = changes(60, 12);
    const lanes = lanesOf(records, 4);
    expect(lanes.flat()).toHaveLength(60);
    for (const lane of lanes) {
      const sequences = lane.map(sequenceOf);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    }
    const laneOfKey = new Map<string, number>();
    lanes.forEach((lane, index) => {
      for (const record of lane) {
        expect(laneOfKey.get(keyOf(record)) ?? index).toBe(index);
        laneOfKey.set(keyOf(record), index);
      }
    });
    // Twelve complaints do not all hash to one lane.
    expect(lanes.length).toBeGreaterThan(1);
    expect(laneOf('COMPLAINT#C1', 4)).toBe(laneOf('COMPLAINT#C1', 4));
  });
});

describe('the local table stream', () => {
  it('hands off batches of different complaints at once, and one complaint’s changes in order', async () => {
    shardHolding(changes(60, 12));
    let inFlight = 0;
    let mostInFlight = 0;
    const seen: { key: string; sequence: number }[] = [];
    const { stream, positions } = streamTo(async (event) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      expect(event.Records.length).toBeLessThanOrEqual(5);
      await realSleep(20);
      for (const record of event.Records) seen.push({ key: keyOf(record), sequence: sequenceOf(record) });
      inFlight--;
      return { batchItemFailures: [] };
    });
    running = stream;
    await stream.start();
    await stream.drain();

    expect(seen).toHaveLength(60);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    for (let n = 0; n < 12; n++) {
      const ofOne = seen.filter(({ key }) => key === `COMPLAINT#C${n}`).map(({ sequence }) => sequence);
      expect(ofOne).toEqual([...ofOne].sort((a, b) => a - b));
    }
    expect(positions()).toEqual({ 'shard-1': '1059' });
    expect(stream.usage().changesDelivered).toBe(60);
  });

  it('retries a failed record and what follows it in its lane, while the other lanes go on; sets aside one that keeps failing', async () => {
    shardHolding(changes(20, 4));
    const deliveries = new Map<number, number>();
    const { stream, setAside } = streamTo(async (event) => {
      const failures: { itemIdentifier: string }[] = [];
      for (const record of event.Records) {
        const sequence = sequenceOf(record);
        deliveries.set(sequence, (deliveries.get(sequence) ?? 0) + 1);
        // 1005 fails once; 1010 always fails. A batch reports its first failure, as Powertools does.
        const fails = (sequence === 1005 && deliveries.get(sequence) === 1) || sequence === 1010;
        if (fails && failures.length === 0) failures.push({ itemIdentifier: record.dynamodb!.SequenceNumber! });
      }
      return { batchItemFailures: failures };
    });
    running = stream;
    await stream.start();
    await stream.drain();

    expect(deliveries.get(1005)).toBe(2);
    // Retried twice, then set aside: three deliveries in all.
    expect(deliveries.get(1010)).toBe(3);
    expect(setAside.map((letter) => letter.sequenceNumber)).toEqual(['1010']);
    // Every change was handed off; those of the other complaints once each.
    expect([...deliveries.keys()].sort()).toEqual(Array.from({ length: 20 }, (_, n) => 1000 + n));
    // Changes in lanes with no failure were delivered once each.
    const laneOfComplaint = (n: number) => laneOf(JSON.stringify({ S: `COMPLAINT#C${n}` }), 4);
    const failingLanes = new Set([laneOfComplaint(1), laneOfComplaint(2)]);
    const untroubled = [...deliveries].filter(
      ([sequence]) => !failingLanes.has(laneOfComplaint((sequence - 1000) % 4)),
    );
    expect(untroubled).toHaveLength(10);
    for (const [, times] of untroubled) expect(times).toBe(1);
  });
});
