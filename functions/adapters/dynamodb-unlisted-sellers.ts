/**
 * DynamoDB adapter for reports against sellers not on CCMS (functions/domain/unlisted-sellers.ts).
 * A report is one transaction: the report; for each identifier the reporter's one claim on it (by
 * the phone that verified, as filing counts), a pointer from the seller to the report, and one
 * more reporter on the seller's summary
 * (also the sort key of the ranking index); and the person's count of the day (at most 5). The
 * summary is shared by everyone who reports the seller: a transaction that meets another on it is
 * retried (functions/adapters/dynamodb-transactions.ts). The names given and the identifiers seen
 * together are added after, each while under its cap.
 */
import {
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
import { batchGetAll, partitionPage, queryAll } from './dynamodb-query-all';
import { logger } from '../commons/logger';
import { decodeCursor, encodeCursor } from './page-cursors';
import { expiresDaysAfter, keys, tableDesign } from './table-design';

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
  linked: [...((item.linked as Set<string> | undefined) ?? [])]
    .sort()
    .map((key) => ({ key, sellerId: sellerIdOf(key) })),
  ...(item.onboarding ? { onboarding: item.onboarding as Onboarding } : {}),
  onboardingHistory: ((item.onboardingHistory as Onboarding[] | undefined) ?? []).slice(-20).reverse(),
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
    /**
     * Days a report, its claims and its seller's summary are kept after the last report (the
     * stage's complaint retention): needed to record, not to read or erase.
     */
    private readonly retentionDays?: number,
  ) {}

  async record(report: UnlistedSellerReport & { consumerId: string }, claimant: string, day: string): Promise<void> {
    if (this.retentionDays === undefined) throw new Error('Recording a report needs the stage’s retention, not given.');
    const { reportId, consumerId, reportedAt } = report;
    const expiresAt = expiresDaysAfter(reportedAt, this.retentionDays);
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
            Item: { ...keys.unlistedReporter(key, claimant), reportId, expiresAt },
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
      ...report.identifiers.map(
        (identifier): TransactItem => ({
          Update: {
            TableName: this.tableName,
            Key: keys.unlistedSeller(identifier.key),
            UpdateExpression:
              'SET #key = :key, #rank = :rank, firstReportedAt = if_not_exists(firstReportedAt, :at), lastReportedAt = :at, expiresAt = :expires ADD reports :one, #order :one, kinds :kind',
            ExpressionAttributeNames: { '#key': 'key', '#rank': ranking.partitionKey, '#order': ranking.sortKey },
            ExpressionAttributeValues: {
              ':key': identifier.key,
              ':rank': rankingPartition,
              ':at': reportedAt,
              ':expires': expiresAt,
              ':one': 1,
              ':kind': new Set([identifier.kind]),
            },
          },
        }),
      ),
      {
        Update: {
          TableName: this.tableName,
          Key: keys.unlistedReportsOfDay(claimant, day),
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
    // What the report adds to each seller's picture, once it stands; lost, it costs a name or a link, never the count.
    for (const identifier of report.identifiers) {
      const others = keysOf.filter((key) => key !== identifier.key);
      await this.addCapped(identifier.key, 'names', [report.sellerName], unlistedSellerLimits.namesKept);
      await this.addCapped(identifier.key, 'linked', others, unlistedSellerLimits.linkedKept);
    }
  }

  /** Adds values to a set of the seller's while it holds fewer than `cap`; a failure is logged, not thrown. */
  private async addCapped(key: string, attribute: 'names' | 'linked', values: string[], cap: number) {
    if (values.length === 0) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.unlistedSeller(key),
          UpdateExpression: 'ADD #set :values',
          ConditionExpression: 'attribute_not_exists(#set) OR size(#set) <= :room',
          ExpressionAttributeNames: { '#set': attribute },
          ExpressionAttributeValues: { ':values': new Set(values), ':room': cap - values.length },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException')
        logger.warn('A reported seller’s names or links were not added', { attribute, error });
    }
  }

  async sellers(keysWanted: readonly string[]): Promise<UnlistedSeller[]> {
    const found = await batchGetAll(
      this.client,
      this.tableName,
      keysWanted.map((key) => keys.unlistedSeller(key)),
    );
    return found.map(sellerOf);
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
          (key) => key[ranking.partitionKey] === rankingPartition,
          [ranking.sortKey],
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
        ExclusiveStartKey: cursorKey,
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      items: (result.Items ?? []).map(sellerOf),
      nextCursor: encodeCursor(last),
    };
  }

  async reportsOf(key: string, page: PageRequest): Promise<Page<UnlistedSellerReport>> {
    const result = await partitionPage(
      this.client,
      this.tableName,
      { pk: keys.unlistedSeller(key).pk, prefix: keys.unlistedSellerReportPrefix, newestFirst: true },
      page,
    );
    const ids = result.items.map((item) => item.reportId as string);
    const found = await batchGetAll(
      this.client,
      this.tableName,
      ids.map((reportId) => keys.unlistedReport(reportId)),
    );
    const byId = new Map(found.map((item) => [item.reportId as string, reportOf(item)]));
    // A report past its retention may be gone while its pointer waits for its own TTL.
    return {
      items: ids.flatMap((reportId) => (byId.has(reportId) ? [byId.get(reportId)!] : [])),
      nextCursor: result.nextCursor,
    };
  }

  async setOnboarding(key: string, onboarding: Onboarding): Promise<UnlistedSeller | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.unlistedSeller(key),
          UpdateExpression:
            'SET onboarding = :onboarding, onboardingHistory = list_append(if_not_exists(onboardingHistory, :none), :entry)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':onboarding': onboarding, ':none': [], ':entry': [onboarding] },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? sellerOf(Attributes) : undefined;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }

  async newestReportsBy(consumerId: string, count: number) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    // One more than asked (whether there are more), asked again where a page stopped at DynamoDB's 1 MB.
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byConsumer',
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': byConsumer.partitionKey },
          ExpressionAttributeValues: { ':pk': reportsByConsumer(consumerId) },
          ScanIndexForward: false,
          Limit: count + 1 - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...Items);
      startKey = LastEvaluatedKey;
    } while (startKey && items.length <= count);
    return { reports: items.slice(0, count).map(reportOf), more: items.length > count };
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
