/**
 * Every item a query matches, across DynamoDB's pages (1 MB each): for a partition the code reads
 * whole (a complaint and its timeline, a complaint's files, the traces an erasure deletes).
 */
import {
  BatchGetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '../domain/ports';
import { decodeCursor, encodeCursor } from './page-cursors';

export const queryAll = async (
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

/**
 * One page of a partition (or of the items whose sort key starts with `prefix`), with a cursor
 * checked to be of that same list: in sort-key order, or newest (highest sort key) first.
 */
export const partitionPage = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  list: { pk: string; prefix?: string; newestFirst?: boolean; consistent?: boolean },
  page: PageRequest,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> => {
  const { pk, prefix } = list;
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(prefix && { ':prefix': prefix }) },
      ScanIndexForward: !list.newestFirst,
      ...(list.consistent && { ConsistentRead: true }),
      Limit: page.limit,
      ExclusiveStartKey: page.cursor
        ? decodeCursor(page.cursor, ['pk', 'sk'], (key) => key.pk === pk && (!prefix || key.sk!.startsWith(prefix)))
        : undefined,
    }),
  );
  return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
};

/** One page of a partition, newest (highest sort key) first, with a cursor checked to be of that partition. */
export const newestFirstPage = (client: DynamoDBDocumentClient, tableName: string, pk: string, page: PageRequest) =>
  partitionPage(client, tableName, { pk, newestFirst: true }, page);

/** Every item of `keys` that exists, 100 keys a request, asking again (with backoff) for the keys DynamoDB left unprocessed. */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending = keys.slice(start, start + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const answer = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [...pending] } } }));
      found.push(...(answer.Responses?.[tableName] ?? []));
      pending = (answer.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
};
