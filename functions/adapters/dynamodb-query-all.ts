/**
 * Every item a query matches, across DynamoDB's pages (1 MB each): for a partition the code reads
 * whole (a complaint and its timeline, a complaint's files, the traces an erasure deletes).
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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

/** One page of a partition, newest (highest sort key) first, with a cursor checked to be of that partition. */
export const newestFirstPage = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  page: PageRequest,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> => {
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor, ['pk', 'sk'], (key) => key.pk === pk) : undefined,
    }),
  );
  return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
};
