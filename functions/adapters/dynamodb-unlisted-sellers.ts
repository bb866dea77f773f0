/**
 * DynamoDB adapter for reports against sellers not on CCMS (functions/domain/unlisted-sellers.ts).
 * A report is one transaction of items of its own: the report, for each identifier the consumer's
 * one claim on it (so a consumer counts once) and a pointer from the seller to the report, and the
 * consumer's count of the day (at most 5). The seller's summary, shared by every consumer who
 * reports it, is then added to by plain updates, which DynamoDB orders without cancelling any: the
 * number of reporters (also the sort key of the ranking index), when, the names given and the other
 * identifiers of the same reports.
 */
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { nextDhakaMidnight } from '../domain/dates';
import { RateLimitedError, RefusedConflictError } from '../domain/errors';
import type { Page, PageRequest, UnlistedSellers } from '../domain/ports';
import {
  sellerIdOf,
  unlistedSellerLimits,
  type Onboarding,
  type UnlistedSeller,
  type UnlistedSellerReport,
} from '../domain/unlisted-sellers';
import { isConditionFailure, writeTransaction, type TransactItem } from './dynamodb-transactions';
import { queryAll } from './dynamodb-query-all';
import { decodeCursor, encodeCursor } from './page-cursors';
import { keys, tableDesign } from './table-design';

const ranking = tableDesign.indexes.unlistedByReports;
const rankingPartition = 'UNLISTED#SELLERS';
const byConsumer = tableDesign.indexes.byConsumer;
const reportsByConsumer = (consumerId: string) => `UNLISTEDBY#${consumerId}`;

const sellerOf = (item: Record<string, unknown>): UnlistedSeller => ({
  sellerId: sellerIdOf(item.key as string),
  key: item.key as string,
  kinds: [...((item.kinds as Set<string> | undefined) ?? [])].sort() as UnlistedSeller['kinds'],
  reports: item.reports as number,
  firstReportedAt: item.firstReportedAt as string,
  lastReportedAt: item.lastReportedAt as string,
  names: [...((item.names as Set<string> | undefined) ?? [])].sort(),
  linked: [...((item.linked as Set<string> | undefined) ?? [])].sort(),
  ...(item.onboarding ? { onboarding: item.onboarding as Onboarding } : {}),
});

const reportOf = (item: Record<string, unknown>): UnlistedSellerReport => ({
  reportId: item.reportId as string,
  ...(item.consumerId ? { consumerId: item.consumerId as string } : {}),
  sellerName: item.sellerName as string,
  identifiers: item.identifiers as UnlistedSellerReport['identifiers'],
  category: item.category as string,
  description: item.description as string,
  ...(item.amount !== undefined ? { amount: item.amount as number } : {}),
  reportedAt: item.reportedAt as string,
  ...(item.erasedAt ? { erasedAt: item.erasedAt as string } : {}),
});

export class DynamoDbUnlistedSellers implements UnlistedSellers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(report: UnlistedSellerReport & { consumerId: string }, day: string, expiresAt: number): Promise<void> {
    const { reportId, consumerId, reportedAt } = report;
    const keysOf = report.identifiers.map((identifier) => identifier.key);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.unlistedReport(reportId),
            ...report,
            [byConsumer.partitionKey]: reportsByConsumer(consumerId),
            [byConsumer.sortKey]: `${reportedAt}#${reportId}`,
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...keysOf.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: { ...keys.unlistedReporter(key, consumerId), reportId, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
      ...keysOf.map(
        (key): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: { ...keys.unlistedSellerReport(key, reportedAt, reportId), reportId, expiresAt },
          },
        }),
      ),
      {
        Update: {
          TableName: this.tableName,
          Key: keys.unlistedReportsOfDay(consumerId, day),
          UpdateExpression: 'ADD reported :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(reported) OR reported < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': unlistedSellerLimits.reportsPerDay,
            ':expires': Math.floor(Date.parse(reportedAt) / 1000) + 2 * 86_400,
          },
        },
      },
    ];
    try {
      await writeTransaction(this.client, items);
    } catch (error) {
      const claimed = keysOf.filter((_, at) => isConditionFailure(error, 1 + at));
      if (claimed.length > 0)
        throw new RefusedConflictError(
          'ALREADY_REPORTED',
          'You have reported this seller before: your report stands, and each consumer counts once.',
          { identifiers: claimed },
        );
      if (isConditionFailure(error, items.length - 1))
        throw new RateLimitedError(
          `You can report ${unlistedSellerLimits.reportsPerDay} sellers a day. Please report this one tomorrow.`,
          Math.ceil((nextDhakaMidnight(new Date(reportedAt)).getTime() - Date.parse(reportedAt)) / 1000),
        );
      throw error;
    }
    for (const identifier of report.identifiers) await this.count(identifier, report, expiresAt);
  }

  /** The seller's summary: one more reporter, then (each while under its cap) the name given and the report's other identifiers. */
  private async count(
    identifier: UnlistedSellerReport['identifiers'][number],
    report: UnlistedSellerReport,
    expiresAt: number,
  ) {
    const key = keys.unlistedSeller(identifier.key);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression:
          'SET #key = :key, #rank = :rank, firstReportedAt = if_not_exists(firstReportedAt, :at), lastReportedAt = :at, expiresAt = :expires ADD reports :one, #order :one, kinds :kind',
        ExpressionAttributeNames: { '#key': 'key', '#rank': ranking.partitionKey, '#order': ranking.sortKey },
        ExpressionAttributeValues: {
          ':key': identifier.key,
          ':rank': rankingPartition,
          ':at': report.reportedAt,
          ':expires': expiresAt,
          ':one': 1,
          ':kind': new Set([identifier.kind]),
        },
      }),
    );
    const others = report.identifiers.filter((other) => other.key !== identifier.key).map((other) => other.key);
    const capped = async (attribute: 'names' | 'linked', values: string[], cap: number) => {
      if (values.length === 0) return;
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'ADD #set :values',
            ConditionExpression: 'attribute_not_exists(#set) OR size(#set) < :cap',
            ExpressionAttributeNames: { '#set': attribute },
            ExpressionAttributeValues: { ':values': new Set(values), ':cap': cap },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    };
    await capped('names', [report.sellerName], unlistedSellerLimits.namesKept);
    await capped('linked', others, unlistedSellerLimits.linkedKept);
  }

  async sellers(keysWanted: readonly string[]): Promise<UnlistedSeller[]> {
    if (keysWanted.length === 0) return [];
    const answer = await this.client.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: keysWanted.map((key) => keys.unlistedSeller(key)) } },
      }),
    );
    return (answer.Responses?.[this.tableName] ?? []).map(sellerOf);
  }

  async seller(key: string): Promise<UnlistedSeller | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.unlistedSeller(key), ConsistentRead: true }),
    );
    return Item ? sellerOf(Item) : undefined;
  }

  async ranked(page: PageRequest): Promise<Page<UnlistedSeller>> {
    const cursorKey = page.cursor
      ? decodeCursor(
          page.cursor,
          ['pk', 'sk', ranking.partitionKey, ranking.sortKey],
          (key) => key[ranking.partitionKey] === rankingPartition && /^\d{1,9}$/.test(key[ranking.sortKey]!),
        )
      : undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'unlistedByReports',
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': ranking.partitionKey },
        ExpressionAttributeValues: { ':pk': rankingPartition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: cursorKey && { ...cursorKey, [ranking.sortKey]: Number(cursorKey[ranking.sortKey]) },
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      items: (result.Items ?? []).map(sellerOf),
      nextCursor: encodeCursor(last && { ...last, [ranking.sortKey]: String(last[ranking.sortKey]) }),
    };
  }

  async reportsOf(key: string, page: PageRequest): Promise<Page<UnlistedSellerReport>> {
    const { pk } = keys.unlistedSeller(key);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.unlistedSellerReportPrefix },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.cursor
          ? decodeCursor(
              page.cursor,
              ['pk', 'sk'],
              (cursor) => cursor.pk === pk && cursor.sk!.startsWith(keys.unlistedSellerReportPrefix),
            )
          : undefined,
      }),
    );
    const ids = (result.Items ?? []).map((item) => item.reportId as string);
    const found =
      ids.length === 0
        ? []
        : ((
            await this.client.send(
              new BatchGetCommand({
                RequestItems: { [this.tableName]: { Keys: ids.map((reportId) => keys.unlistedReport(reportId)) } },
              }),
            )
          ).Responses?.[this.tableName] ?? []);
    const byId = new Map(found.map((item) => [item.reportId as string, reportOf(item)]));
    // A report past its retention may be gone while its pointer waits for its own TTL.
    return {
      items: ids.flatMap((reportId) => (byId.has(reportId) ? [byId.get(reportId)!] : [])),
      nextCursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async setOnboarding(key: string, onboarding: Onboarding): Promise<UnlistedSeller | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.unlistedSeller(key),
          UpdateExpression: 'SET onboarding = :onboarding',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':onboarding': onboarding },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? sellerOf(Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  async reportsBy(consumerId: string): Promise<UnlistedSellerReport[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byConsumer',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': byConsumer.partitionKey },
      ExpressionAttributeValues: { ':pk': reportsByConsumer(consumerId) },
    });
    return items.map(reportOf);
  }

  async erase(report: UnlistedSellerReport, at: string): Promise<void> {
    // The claims first (their keys name the consumer): a request cut short finds the report again.
    if (report.consumerId)
      for (const { key } of report.identifiers)
        await this.client.send(
          new DeleteCommand({ TableName: this.tableName, Key: keys.unlistedReporter(key, report.consumerId) }),
        );
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.unlistedReport(report.reportId),
          UpdateExpression: 'SET description = :erased, erasedAt = :at REMOVE consumerId, #gpk, #gsk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#gpk': byConsumer.partitionKey, '#gsk': byConsumer.sortKey },
          ExpressionAttributeValues: { ':erased': '', ':at': at },
        }),
      );
    } catch (error) {
      // Gone at the end of its retention meanwhile: nothing left to erase.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
