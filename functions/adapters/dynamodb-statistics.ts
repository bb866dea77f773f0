/**
 * The statistics counters in DynamoDB, kept from the stream of changes. The changes of one stream
 * batch are applied together: one transaction with a marker item per change (conditional on not
 * existing) and the counters they move, merged, so a batch writes each shared counter item once.
 * A change delivered again is cancelled by its marker, dropped, and the rest applied: each change
 * counts exactly once. These transactions do touch shared items, but off the request path, in the
 * stream consumer, which retries a conflict with backoff and, failing that, the whole batch.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StatisticsLedger, StatisticsReader } from '../domain/ports';
import { dailyCounterDays } from '../domain/alerts';
import { dailyPeriodPrefix, dailySincePeriod, mergedDeltas, type CountedChange } from '../domain/statistics';
import { writeTransaction, type TransactItem } from './dynamodb-transactions';
import { batchGetAll } from './dynamodb-query-all';
import { expiresDaysAfter, keys, tableDesign, tableKeyPrefixes } from './table-design';

const WEEK_S = 7 * 86_400;
/**
 * Markers and counters of one transaction stay under DynamoDB's 100 items. A change moves at most
 * 5 scopes x 4 periods (all time, and up to three months: a survey answer that reopens a complaint
 * moves the month it was first settled, the month of the settlement it answers and its own), one
 * merchant day and the merchant's first-day item, so 4 changes write at most 4 + 80 + 4 + 4 = 92.
 */
export const changesPerTransaction = 4;

export class DynamoDbStatistics implements StatisticsLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async record(changes: readonly CountedChange[]): Promise<void> {
    for (let start = 0; start < changes.length; start += changesPerTransaction) {
      await this.recordTogether(changes.slice(start, start + changesPerTransaction));
    }
  }

  private async recordTogether(changes: readonly CountedChange[]): Promise<void> {
    let pending = [...changes];
    while (pending.length > 0) {
      const markers: TransactItem[] = pending.map((change) => ({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.countedChange(change.trackingNumber, change.seq),
            [tableDesign.timeToLiveAttribute]: this.nowSeconds() + WEEK_S,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }));
      const merged = [...mergedDeltas(pending).values()];
      const counters: TransactItem[] = merged.map(({ scope, period, counts }) => {
        const names = Object.keys(counts);
        // A merchant's daily counters are read for 63 days (functions/domain/alerts.ts), then DynamoDB removes them.
        const day = period.startsWith(dailyPeriodPrefix) ? period.slice(dailyPeriodPrefix.length) : undefined;
        return {
          Update: {
            TableName: this.tableName,
            Key: keys.statistics(scope, period),
            UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :d${i}`).join(', ')}${day ? ' SET #ttl = if_not_exists(#ttl, :ttl)' : ''}`,
            ExpressionAttributeNames: {
              ...Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
              ...(day && { '#ttl': tableDesign.timeToLiveAttribute }),
            },
            ExpressionAttributeValues: {
              ...Object.fromEntries(names.map((name, i) => [`:d${i}`, counts[name]])),
              ...(day && { ':ttl': expiresDaysAfter(`${day}T00:00:00Z`, dailyCounterDays) }),
            },
          },
        };
      });
      // The first day each merchant's daily counters were kept: before it, days are unknown, not quiet.
      const firstDays = new Map<string, string>();
      for (const { scope, period } of merged) {
        if (!period.startsWith(dailyPeriodPrefix)) continue;
        const day = period.slice(dailyPeriodPrefix.length);
        if (!firstDays.has(scope) || day < firstDays.get(scope)!) firstDays.set(scope, day);
      }
      const since: TransactItem[] = [...firstDays].map(([scope, day]) => ({
        Update: {
          TableName: this.tableName,
          Key: keys.statistics(scope, dailySincePeriod),
          UpdateExpression: 'SET since = if_not_exists(since, :day)',
          ExpressionAttributeValues: { ':day': day },
        },
      }));
      try {
        await writeTransaction(this.client, [...markers, ...counters, ...since]);
        return;
      } catch (error) {
        const counted = countedAlready(error, pending.length);
        if (counted.size === 0) throw error;
        // Counted by an earlier delivery: apply the others.
        pending = pending.filter((_, index) => !counted.has(index));
      }
    }
  }
}

/** The markers (by index) that already existed, if that is why the transaction was cancelled. */
const countedAlready = (error: unknown, markerCount: number): Set<number> => {
  if (!(error instanceof TransactionCanceledException)) return new Set();
  const reasons = error.CancellationReasons ?? [];
  const failed = new Set(
    reasons.flatMap((reason, index) =>
      reason.Code === 'ConditionalCheckFailed' && index < markerCount ? [index] : [],
    ),
  );
  return failed;
};

/** Reads counter items with BatchGetItem, 100 keys a call; what DynamoDB leaves unprocessed is asked again. */
export class DynamoDbStatisticsReader implements StatisticsReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(items: readonly { scope: string; period: string }[]): Promise<Map<string, Record<string, number>>> {
    const found = new Map<string, Record<string, number>>(items.map(({ scope, period }) => [`${scope}|${period}`, {}]));
    const read = await batchGetAll(
      this.client,
      this.tableName,
      items.map(({ scope, period }) => keys.statistics(scope, period)),
    );
    for (const { pk, sk, ...counters } of read)
      found.set(`${String(pk).slice(tableKeyPrefixes.statistics.length)}|${sk}`, counters as Record<string, number>);
    return found;
  }
}
