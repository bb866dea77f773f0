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
import type { StatisticsLedger } from '../domain/ports';
import { mergedDeltas, type CountedChange } from '../domain/statistics';
import { writeTransaction, type TransactItem } from './dynamodb-transactions';
import { keys, tableDesign } from './table-design';

const WEEK_S = 7 * 86_400;
/**
 * Markers and counters of one transaction stay under DynamoDB's 100 items: a change moves at most
 * 5 scopes x 3 periods (all time, and at most two months), so 5 changes write at most 5 + 75.
 */
const changesPerTransaction = 5;

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
          Item: { ...keys.countedChange(change.trackingNumber, change.seq), [tableDesign.timeToLiveAttribute]: this.nowSeconds() + WEEK_S },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }));
      const counters: TransactItem[] = [...mergedDeltas(pending).values()].map(({ scope, period, counts }) => {
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
      try {
        await writeTransaction(this.client, [...markers, ...counters]);
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
  const failed = new Set(reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' && index < markerCount ? [index] : [])));
  return failed;
};
