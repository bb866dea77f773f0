/**
 * The table's stream, locally: DynamoDB Local's own stream read with the DynamoDB Streams API and
 * handed to the consumer function as Lambda's event source mapping does: DynamoDBStreamEvents of up
 * to `batchSize` records, `parallelizationFactor` batches of a shard in flight at once, the records
 * of one partition key (one complaint) always in the same lane and in order; a batch that fails is
 * retried from the failed record on (partial-batch failures), split in two (bisection), and a
 * record that keeps failing is set aside after `retryAttempts`. The position per shard is saved
 * once every lane has finished a read, so nothing is skipped across restarts.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { localClientConfig } from './dynamodb';
import { realSleep } from './virtual-clock';

type Consumer = (event: unknown) => Promise<unknown>;

export interface StreamPolicy {
  batchSize: number;
  bisectBatchOnError: boolean;
  retryAttempts: number;
  /** Batches of one shard processed at once, each lane a set of partition keys (Lambda: 1 to 10). */
  parallelizationFactor: number;
}

/** The lane of a partition key: the same key always goes to the same lane, so its changes stay in order. */
export const laneOf = (partitionKey: string, lanes: number) => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) hash = Math.imul(hash ^ partitionKey.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
};

/** Splits a shard's records into lanes by partition key, keeping their order within each lane. */
export const lanesOf = (records: readonly _Record[], lanes: number): _Record[][] => {
  const byLane: _Record[][] = Array.from({ length: lanes }, () => []);
  for (const record of records) byLane[laneOf(JSON.stringify(record.dynamodb?.Keys?.pk ?? null), lanes)]!.push(record);
  return byLane.filter((lane) => lane.length > 0);
};

/** Between two deliveries of a batch that failed. */
const retryPauseMs = 25;

/** What is set aside after the retries, like the record of an SQS on-failure destination. */
export interface DeadLetter {
  /** The consumer whose retries ran out (each has its own on-failure destination). */
  consumer: string;
  condition: 'RetryAttemptsExhausted';
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
  keys: unknown;
  at: string;
}

export class LocalTableStream {
  private readonly client: DynamoDBStreamsClient;
  /** Last processed sequence number per shard. */
  private readonly positions: Record<string, string>;
  private readonly iterators = new Map<string, string | undefined>();
  private readonly finishedShards = new Set<string>();
  /** Failed deliveries per record (sequence number), for the bounded retries. */
  private readonly failures = new Map<string, number>();
  private streamArn?: string;
  private running = false;
  private loop?: Promise<void>;
  private polling?: Promise<number>;
  private paused = false;
  /** Records handed to the consumer (or set aside) since the start. */
  private delivered = 0;

  private readonly dynamoDb: DynamoDBClient;
  private readonly tableName: string;
  private readonly positionsFile: string;
  private readonly consumer: Consumer;
  private readonly log: (line: string) => void;
  private readonly policy: StreamPolicy;
  private readonly onFailure: (letter: DeadLetter) => void;
  private readonly name: string;

  constructor(options: {
    /** DynamoDB Local, whose Streams API serves the table's stream. */
    endpoint: string;
    dynamoDb: DynamoDBClient;
    tableName: string;
    /** The consumer's name: each consumer reads the stream from its own position. */
    name: string;
    positionsFile: string;
    consumer: Consumer;
    log: (line: string) => void;
    policy: StreamPolicy;
    onFailure: (letter: DeadLetter) => void;
  }) {
    ({
      dynamoDb: this.dynamoDb,
      tableName: this.tableName,
      name: this.name,
      positionsFile: this.positionsFile,
      consumer: this.consumer,
      log: this.log,
      policy: this.policy,
      onFailure: this.onFailure,
    } = options);
    this.client = new DynamoDBStreamsClient({ endpoint: options.endpoint, ...localClientConfig });
    this.positions = existsSync(this.positionsFile)
      ? (JSON.parse(readFileSync(this.positionsFile, 'utf8')) as Record<string, string>)
      : {};
  }

  async start() {
    const { Table } = await this.dynamoDb.send(new DescribeTableCommand({ TableName: this.tableName }));
    this.streamArn = Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`Table ${this.tableName} has no stream`);
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const delivered = await this.pollOnce().catch((error: Error) => {
          this.log(`stream: ${error.message}`);
          return 0;
        });
        if (delivered === 0) await realSleep(50);
      }
    })();
  }

  /**
   * Holds the records back while paused (a dev control: `npm run bench` measures the hand-off of a
   * backlog); answers once a pass under way has finished.
   */
  async pause(paused: boolean) {
    this.paused = paused;
    await this.polling;
  }

  /** How many records were handed to the consumer (or set aside) so far. */
  usage() {
    return { changesDelivered: this.delivered, paused: this.paused };
  }

  /** Polls until a pass delivers nothing: everything stored so far has been handed to the consumer. */
  async drain() {
    for (let pass = 0; pass < 100; pass++) {
      if ((await this.pollOnce()) === 0) return;
    }
  }

  async stop() {
    this.running = false;
    await this.loop;
    this.client.destroy();
  }

  /** One pass over the open shards; returns how many records were delivered. Passes never overlap. */
  private pollOnce(): Promise<number> {
    this.polling = (this.polling ?? Promise.resolve(0)).then(
      () => this.poll(),
      () => this.poll(),
    );
    return this.polling;
  }

  private async poll(): Promise<number> {
    if (this.paused) return 0;
    const { StreamDescription } = await this.client.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    let delivered = 0;
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (this.finishedShards.has(shardId)) continue;
      const iterator = this.iterators.get(shardId) ?? (await this.iteratorFor(shardId));
      if (!iterator) continue;
      let result: GetRecordsCommandOutput;
      try {
        // Enough for every lane to get a whole batch (GetRecords returns at most 1,000).
        const limit = Math.min(1000, this.policy.batchSize * this.policy.parallelizationFactor);
        result = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException) {
          this.iterators.delete(shardId);
          continue;
        }
        throw error;
      }
      const records = result.Records ?? [];
      if (records.length > 0) {
        // Every lane finishes its records (processed or set aside) before the position moves past them.
        await Promise.all(
          lanesOf(records, this.policy.parallelizationFactor).map((lane) => this.deliverLane(shardId, lane)),
        );
        this.positions[shardId] = records.at(-1)!.dynamodb!.SequenceNumber!;
        writeFileSync(this.positionsFile, JSON.stringify(this.positions));
        delivered += records.length;
      }
      if (result.NextShardIterator) this.iterators.set(shardId, result.NextShardIterator);
      else {
        this.iterators.delete(shardId);
        this.finishedShards.add(shardId);
      }
    }
    return delivered;
  }

  /** One lane's records, a batch at a time and in order; a failed batch is retried from its failed record on. */
  private async deliverLane(shardId: string, records: _Record[]) {
    for (let start = 0; start < records.length; start += this.policy.batchSize) {
      let batch = records.slice(start, start + this.policy.batchSize);
      while (batch.length > 0) {
        const processed = await this.deliver(shardId, batch);
        this.delivered += processed;
        batch = batch.slice(processed);
        if (batch.length > 0) await realSleep(retryPauseMs);
      }
    }
  }

  private async iteratorFor(shardId: string): Promise<string | undefined> {
    const after = this.positions[shardId];
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /**
   * Returns how many records, from the first, were processed (or set aside). A batch whose
   * invocation fails is split in two, as Lambda's BisectBatchOnFunctionError does; a record that
   * fails more than `retryAttempts` times is handed to `onFailure` and passed over.
   */
  private async deliver(shardId: string, records: _Record[]): Promise<number> {
    const event = {
      Records: records.map((record) => ({
        eventID: record.eventID,
        eventName: record.eventName,
        eventSource: 'aws:dynamodb',
        awsRegion: localClientConfig.region,
        dynamodb: record.dynamodb,
      })),
    };
    let response: DynamoDBBatchResponse | undefined;
    try {
      response = (await this.consumer(event)) as DynamoDBBatchResponse | undefined;
    } catch (error) {
      this.log(`stream consumer ${this.name} failed, will retry: ${(error as Error).message}`);
      if (records.length > 1 && this.policy.bisectBatchOnError) {
        const half = Math.ceil(records.length / 2);
        const first = await this.deliver(shardId, records.slice(0, half));
        return first < half ? first : half + (await this.deliver(shardId, records.slice(half)));
      }
      return this.failed(shardId, records[0]!) ? 1 : 0;
    }
    const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
    if (!failed) return records.length;
    const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
    return index >= 0 && this.failed(shardId, records[index]!) ? index + 1 : Math.max(index, 0);
  }

  /** Counts a failure of `record`; true if it has now failed too often and was set aside. */
  private failed(shardId: string, record: _Record): boolean {
    const sequenceNumber = record.dynamodb!.SequenceNumber!;
    const failures = (this.failures.get(sequenceNumber) ?? 0) + 1;
    if (failures <= this.policy.retryAttempts) {
      this.failures.set(sequenceNumber, failures);
      return false;
    }
    this.failures.delete(sequenceNumber);
    this.log(`stream record ${sequenceNumber} failed ${failures} times in ${this.name}; set aside`);
    this.onFailure({
      consumer: this.name,
      condition: 'RetryAttemptsExhausted',
      streamArn: this.streamArn!,
      shardId,
      sequenceNumber,
      keys: record.dynamodb?.Keys,
      at: new Date().toISOString(),
    });
    return true;
  }
}
