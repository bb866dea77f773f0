/**
 * DynamoDB adapter for complaints, their timelines and the statistics counters. Every change is
 * one transaction: the complaint (conditional on the version it was read at), the new timeline
 * entry (conditional on not existing) and the counters. Either all of it happens or none.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintChange } from '../domain/complaint';
import { ConcurrentChangeError, InvalidRequestError } from '../domain/errors';
import { DuplicateTrackingNumberError, type ComplaintRepository, type Page, type PageRequest } from '../domain/ports';
import { counterDeltas } from '../domain/statistics';
import type { TimelineEntry } from '../domain/timeline';
import { keys, tableDesign } from './table-design';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const indexAttributes = (complaint: Complaint) => {
  const newestFirst = `${complaint.filedAt}#${complaint.trackingNumber}`;
  const { byMerchantStatus, byConsumer, escalatedByDate } = tableDesign.indexes;
  return {
    [byMerchantStatus.partitionKey]: `MERCHANT#${complaint.merchantId}#${complaint.status}`,
    [byMerchantStatus.sortKey]: newestFirst,
    [byConsumer.partitionKey]: `CONSUMER#${complaint.consumerId}`,
    [byConsumer.sortKey]: newestFirst,
    ...(complaint.escalatedAt && {
      [escalatedByDate.partitionKey]: `ESCALATED#${complaint.escalatedAt.slice(0, 7)}`,
      [escalatedByDate.sortKey]: `${complaint.escalatedAt}#${complaint.trackingNumber}`,
    }),
  };
};

const stripKeys = <T extends object>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const name of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']) delete copy[name];
  return copy as T;
};

export class DynamoDbComplaintRepository implements ComplaintRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(change: ComplaintChange): Promise<void> {
    const { complaint } = change;
    try {
      await this.write([
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.complaint(complaint.trackingNumber), ...indexAttributes(complaint), ...complaint },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...this.timelineAndCounters(change),
      ]);
    } catch (error) {
      if (isConditionFailure(error, 0)) throw new DuplicateTrackingNumberError(complaint.trackingNumber);
      throw error;
    }
  }

  async save(before: Complaint, change: ComplaintChange): Promise<void> {
    const { complaint } = change;
    try {
      await this.write([
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.complaint(complaint.trackingNumber), ...indexAttributes(complaint), ...complaint },
            ConditionExpression: 'timelineHead = :head',
            ExpressionAttributeValues: { ':head': before.timelineHead },
          },
        },
        ...this.timelineAndCounters(change),
      ]);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(complaint.trackingNumber);
      throw error;
    }
  }

  async get(trackingNumber: string): Promise<Complaint | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.complaint(trackingNumber), ConsistentRead: true }),
    );
    return Item ? stripKeys<Complaint>(Item) : undefined;
  }

  async getWithTimeline(trackingNumber: string) {
    let complaint: Complaint | undefined;
    const timeline: TimelineEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.complaint(trackingNumber).pk },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.sk === keys.complaint(trackingNumber).sk) complaint = stripKeys<Complaint>(item);
        else if (String(item.sk).startsWith(keys.timelinePrefix)) timeline.push(stripKeys<TimelineEntry>(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return complaint ? { complaint, timeline } : undefined;
  }

  listByMerchant(merchantId: string, status: string, page: PageRequest): Promise<Page<Complaint>> {
    return this.queryIndex('byMerchantStatus', `MERCHANT#${merchantId}#${status}`, page);
  }

  listByConsumer(consumerId: string, page: PageRequest): Promise<Page<Complaint>> {
    return this.queryIndex('byConsumer', `CONSUMER#${consumerId}`, page);
  }

  private async queryIndex(indexName: keyof typeof tableDesign.indexes, partition: string, page: PageRequest): Promise<Page<Complaint>> {
    const index = tableDesign.indexes[indexName];
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor, index, partition) : undefined,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => stripKeys<Complaint>(item)),
      nextCursor: result.LastEvaluatedKey ? Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString('base64url') : undefined,
    };
  }

  private timelineAndCounters({ complaint, entry }: ComplaintChange): TransactItem[] {
    const deltas = counterDeltas(entry);
    const counterUpdates = (scope: string): TransactItem[] =>
      [
        { period: 'TOTAL', counts: deltas.total },
        { period: `MONTH#${deltas.monthKey}`, counts: deltas.month },
      ]
        .filter(({ counts }) => Object.keys(counts).length > 0)
        .map(({ period, counts }) => {
          const names = Object.keys(counts);
          return {
            Update: {
              TableName: this.tableName,
              Key: keys.statistics(scope, period),
              UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
              ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:d${i}`, counts[name]])),
            },
          };
        });
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.timelineEntry(complaint.trackingNumber, entry.seq), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...counterUpdates('ALL'),
      ...counterUpdates(`MERCHANT#${complaint.merchantId}`),
    ];
  }

  private async write(items: TransactItem[]) {
    await this.client.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

/** True if the transaction was cancelled by a failed condition (on item `index`, if given). */
const isConditionFailure = (error: unknown, index?: number) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some(
    (reason, i) => reason.Code === 'ConditionalCheckFailed' && (index === undefined || i === index),
  );

/**
 * A cursor is the last key of the previous page. One that is not a key of this very list (made up,
 * or taken from another merchant's list) is refused before DynamoDB sees it.
 */
const decodeCursor = (cursor: string, index: { partitionKey: string; sortKey: string }, partition: string): Record<string, string> => {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const expected = [tableDesign.partitionKey, tableDesign.sortKey, index.partitionKey, index.sortKey].sort();
  const isKeyOfThisList =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    JSON.stringify(Object.keys(key).sort()) === JSON.stringify(expected) &&
    Object.values(key).every((value) => typeof value === 'string' && value.length > 0 && value.length <= 400);
  if (!isKeyOfThisList) throw new InvalidRequestError('The page cursor is not one this API gave out.', { cursor: 'invalid' });
  const fields = key as Record<string, string>;
  const complaintKey = keys.complaint(fields.pk!.slice('COMPLAINT#'.length));
  if (fields[index.partitionKey] !== partition || fields.pk !== complaintKey.pk || fields.sk !== complaintKey.sk || !fields.pk.startsWith('COMPLAINT#')) {
    throw new InvalidRequestError('The page cursor is not one this API gave out.', { cursor: 'invalid' });
  }
  return fields;
};
