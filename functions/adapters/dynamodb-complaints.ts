/**
 * DynamoDB adapter for complaints and their timelines. Every change is one transaction of the
 * complaint's own items: the complaint (conditional on the version it was read at), the new
 * timeline entry (conditional on not existing), and, when it is filed, closed or withdrawn, its
 * hold on its order (one open complaint per order and merchant). Nothing shared with other
 * complaints is written here: statistics follow from the table's stream (functions/adapters/dynamodb-statistics.ts).
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintChange } from '../domain/complaint';
import { ConcurrentChangeError } from '../domain/errors';
import { orderKey, type OpenComplaintForOrder } from '../domain/filing-rules';
import { closedMonth, isClosedForGood } from '../domain/erasure';
import { finalStatuses } from '../domain/lifecycle';
import {
  DuplicateTrackingNumberError,
  OrderHasOpenComplaintError,
  type ComplaintRepository,
  type Page,
  type PageRequest,
} from '../domain/ports';
import type { TimelineEntry } from '../domain/timeline';
import { isConditionFailure, writeTransaction, type TransactItem } from './dynamodb-transactions';
import { queryAll } from './dynamodb-query-all';
import { decodeCursor, encodeCursor } from './page-cursors';
import { keys, openDataPartition, openDataShardOf, openDataSortKey, stripKeys, tableDesign } from './table-design';
import { openDataRowOf } from '../domain/open-data';

const openOrderKey = (merchantId: string, orderRef: string) =>
  keys.openOrder(merchantId, createHash('sha256').update(orderKey(orderRef)).digest('hex'));

/** The timersDue partition of a due time: its UTC day. */
export const timersDuePartition = (dueAt: string) => `TIMER#${new Date(dueAt).toISOString().slice(0, 10)}`;

/** The closedByMonth partition of a closing time: its UTC month. */
const closedByMonthPartition = (closedAt: string) => `CLOSED#${closedMonth(closedAt)}`;

const indexAttributes = (complaint: Complaint) => {
  const newestFirst = `${complaint.filedAt}#${complaint.trackingNumber}`;
  const {
    byMerchantStatus,
    byConsumer,
    escalatedByDate,
    escalatedByMerchant,
    timersDue,
    closedByMonth,
    openDataByMonth,
  } = tableDesign.indexes;
  const escalatedOrder = `${complaint.escalatedAt}#${complaint.trackingNumber}`;
  const openData = openDataRowOf(complaint);
  return {
    [byMerchantStatus.partitionKey]: `MERCHANT#${complaint.merchantId}#${complaint.status}`,
    [byMerchantStatus.sortKey]: newestFirst,
    [byConsumer.partitionKey]: `CONSUMER#${complaint.consumerId}`,
    [byConsumer.sortKey]: newestFirst,
    [openDataByMonth.partitionKey]: openDataPartition(openData.monthFiled, openDataShardOf(complaint.merchantId)),
    [openDataByMonth.sortKey]: openDataSortKey(openData, complaint.trackingNumber),
    openData,
    ...(complaint.escalatedAt && {
      [escalatedByDate.partitionKey]: `ESCALATED#${complaint.escalatedAt.slice(0, 7)}`,
      [escalatedByDate.sortKey]: escalatedOrder,
      [escalatedByMerchant.partitionKey]: `ESCALATED#${complaint.merchantId}`,
      [escalatedByMerchant.sortKey]: escalatedOrder,
    }),
    ...(complaint.timer && {
      [timersDue.partitionKey]: timersDuePartition(complaint.timer.dueAt),
      [timersDue.sortKey]: `${new Date(complaint.timer.dueAt).toISOString()}#${complaint.trackingNumber}`,
    }),
    ...(isClosedForGood(complaint) &&
      complaint.closedAt &&
      !complaint.erasedAt && {
        [closedByMonth.partitionKey]: closedByMonthPartition(complaint.closedAt),
        [closedByMonth.sortKey]: `${new Date(complaint.closedAt).toISOString()}#${complaint.trackingNumber}`,
      }),
  };
};

/**
 * The condition of a write made from `before`: the timeline head it was read at, and its erasure as
 * it was (a change read before an erasure must not write the erased data back).
 */
const unchangedSince = (before: Complaint) => ({
  ConditionExpression: `timelineHead = :head AND ${
    before.erasedAt ? 'erasedAt = :erasedAt' : 'attribute_not_exists(erasedAt)'
  }`,
  ExpressionAttributeValues: { ':head': before.timelineHead, ...(before.erasedAt && { ':erasedAt': before.erasedAt }) },
});

export class DynamoDbComplaintRepository implements ComplaintRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(change: ComplaintChange): Promise<void> {
    const { complaint } = change;
    const order = openOrderKey(complaint.merchantId, complaint.orderRef);
    try {
      await this.write([
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.complaint(complaint.trackingNumber), ...indexAttributes(complaint), ...complaint },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        this.timelineEntry(change),
        {
          Put: {
            TableName: this.tableName,
            Item: { ...order, trackingNumber: complaint.trackingNumber, consumerId: complaint.consumerId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (error) {
      if (isConditionFailure(error, 0)) throw new DuplicateTrackingNumberError(complaint.trackingNumber);
      if (isConditionFailure(error, 2)) {
        const open = await this.openComplaintForOrder(complaint.merchantId, complaint.orderRef);
        // Closed between our write and this read: the caller may simply file again.
        if (!open) throw new ConcurrentChangeError(complaint.trackingNumber);
        throw new OrderHasOpenComplaintError(open);
      }
      throw error;
    }
  }

  async openComplaintForOrder(merchantId: string, orderRef: string): Promise<OpenComplaintForOrder | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: openOrderKey(merchantId, orderRef), ConsistentRead: true }),
    );
    return Item ? { trackingNumber: Item.trackingNumber, consumerId: Item.consumerId } : undefined;
  }

  async save(before: Complaint, change: ComplaintChange): Promise<void> {
    const { complaint } = change;
    const freesOrder = finalStatuses.includes(complaint.status) && !finalStatuses.includes(before.status);
    try {
      await this.write([
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.complaint(complaint.trackingNumber), ...indexAttributes(complaint), ...complaint },
            ...unchangedSince(before),
          },
        },
        this.timelineEntry(change),
        ...(freesOrder
          ? [
              {
                // Only this complaint's own hold on the order (complaints filed before orders were held have none).
                Delete: {
                  TableName: this.tableName,
                  Key: openOrderKey(complaint.merchantId, complaint.orderRef),
                  ConditionExpression: 'attribute_not_exists(pk) OR trackingNumber = :tn',
                  ExpressionAttributeValues: { ':tn': complaint.trackingNumber },
                },
              },
            ]
          : []),
      ]);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConcurrentChangeError(complaint.trackingNumber);
      throw error;
    }
  }

  async saveErased(before: Complaint, erased: Complaint, entries: TimelineEntry[]): Promise<void> {
    // The entries first: an erasure cut short leaves the complaint unmarked, and the next one finishes it.
    for (const entry of entries)
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.timelineEntry(erased.trackingNumber, entry.seq), ...entry },
          // The same sealed entry: its hash covers everything but the note.
          ConditionExpression: '#hash = :hash',
          ExpressionAttributeNames: { '#hash': 'hash' },
          ExpressionAttributeValues: { ':hash': entry.hash },
        }),
      );
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.complaint(erased.trackingNumber), ...indexAttributes(erased), ...erased },
          ...unchangedSince(before),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChangeError(erased.trackingNumber);
      throw error;
    }
  }

  /**
   * An operator's tool: every complaint closed for good and not erased that lacks its closedByMonth
   * entry (written before the index existed) is written again with it, if unchanged since read.
   * A Scan, for `npm run ops -- index-closed`, never on a request's path. Answers how many.
   */
  indexClosed(): Promise<{ indexed: number; changedMeanwhile: number }> {
    return this.rewriteWhere(
      'attribute_exists(closedAt) AND attribute_not_exists(erasedAt) AND attribute_not_exists(#pk)',
      tableDesign.indexes.closedByMonth.partitionKey,
      isClosedForGood,
    );
  }

  /**
   * An operator's tool: every complaint without its open-data row (written before the
   * openDataByMonth index existed) is written again with it, if unchanged since read. A Scan, for
   * `npm run ops -- index-open-data`, never on a request's path. Answers how many.
   */
  indexOpenData(): Promise<{ indexed: number; changedMeanwhile: number }> {
    return this.rewriteWhere('attribute_not_exists(#pk)', tableDesign.indexes.openDataByMonth.partitionKey, () => true);
  }

  /** Writes again, with every index attribute, each complaint the filter (on `#pk`, an index key) and `accept` pick. */
  private async rewriteWhere(filter: string, indexKey: string, accept: (complaint: Complaint) => boolean) {
    let indexed = 0;
    let changedMeanwhile = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: `sk = :complaint AND ${filter}`,
          ExpressionAttributeNames: { '#pk': indexKey },
          ExpressionAttributeValues: { ':complaint': keys.complaint('').sk },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const complaint of (page.Items ?? []).map((item) => stripKeys<Complaint>(item)).filter(accept)) {
        try {
          await this.client.send(
            new PutCommand({
              TableName: this.tableName,
              Item: { ...keys.complaint(complaint.trackingNumber), ...indexAttributes(complaint), ...complaint },
              ...unchangedSince(complaint),
            }),
          );
          indexed += 1;
        } catch (error) {
          // Changed meanwhile: that write carried the index's attributes.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          changedMeanwhile += 1;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { indexed, changedMeanwhile };
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
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.complaint(trackingNumber).pk },
      ConsistentRead: true,
    });
    for (const item of items) {
      if (item.sk === keys.complaint(trackingNumber).sk) complaint = stripKeys<Complaint>(item);
      else if (String(item.sk).startsWith(keys.timelinePrefix)) timeline.push(stripKeys<TimelineEntry>(item));
    }
    return complaint ? { complaint, timeline } : undefined;
  }

  listByMerchant(merchantId: string, status: string, page: PageRequest): Promise<Page<Complaint>> {
    return this.queryIndex('byMerchantStatus', `MERCHANT#${merchantId}#${status}`, page);
  }

  async closedBefore(month: string, before: string, limit: number): Promise<string[]> {
    const { partitionKey, sortKey } = tableDesign.indexes.closedByMonth;
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'closedByMonth',
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': partitionKey, '#sk': sortKey },
        ExpressionAttributeValues: { ':pk': `CLOSED#${month}`, ':before': before },
        ProjectionExpression: 'trackingNumber',
        Limit: limit,
      }),
    );
    return Items.map((item) => item.trackingNumber as string);
  }

  listByConsumer(consumerId: string, page: PageRequest): Promise<Page<Complaint>> {
    return this.queryIndex('byConsumer', `CONSUMER#${consumerId}`, page);
  }

  private async queryIndex(
    indexName: keyof typeof tableDesign.indexes,
    partition: string,
    page: PageRequest,
  ): Promise<Page<Complaint>> {
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
        ExclusiveStartKey: page.cursor
          ? decodeCursor(
              page.cursor,
              [tableDesign.partitionKey, tableDesign.sortKey, index.partitionKey, index.sortKey],
              (key) =>
                key[index.partitionKey] === partition &&
                key.pk!.startsWith('COMPLAINT#') &&
                key.sk === keys.complaint('').sk,
            )
          : undefined,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => stripKeys<Complaint>(item)),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  private timelineEntry({ complaint, entry }: ComplaintChange): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.timelineEntry(complaint.trackingNumber, entry.seq), ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private write(items: TransactItem[]) {
    return writeTransaction(this.client, items);
  }
}
