/**
 * Statistics read in O(1): a merchant with 100,000 complaints' worth of counters is read with the
 * same items, and about the same time, as one with 1,000. The complaints are walked through the
 * real lifecycle in memory (filed over a year; settled by confirmation, automatically, or
 * escalated), their changes counted and merged as the stream consumer does, and the counter items
 * written to the load cloud's DynamoDB Local; then the scorecard is read through the open-data
 * use case and DynamoDB, as GET /v1/public/merchants/{id}/stats reads it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbStatisticsReader } from '../../functions/adapters/dynamodb-statistics';
import { keys } from '../../functions/adapters/table-design';
import { act, fileComplaint, type Complaint } from '../../functions/domain/complaint';
import { countedChangeOf, mergedDeltas, type CountedChange } from '../../functions/domain/statistics';
import { merchantStatsUseCase } from '../../functions/public/use-cases';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import { filingRequest } from '../unit/fixtures';

const DAY = 86_400_000;
const yearStart = Date.parse('2025-12-01T06:00:00Z');

/** The counted changes of `count` complaints at one merchant, walked through the lifecycle. */
const countedChanges = (merchantId: string, count: number): CountedChange[] => {
  const changes: CountedChange[] = [];
  for (let i = 0; i < count; i++) {
    const at = (days: number) => new Date(yearStart + ((i * 7919) % 330) * DAY + days * DAY);
    let complaint: Complaint = fileComplaint({
      request: filingRequest({ merchantId, category: i % 4 === 0 ? 'NOT_DELIVERED' : 'REFUND_NOT_RECEIVED', deliveryDistrict: i % 2 ? 'dhaka' : 'sylhet' }),
      consumerId: 'c',
      complainantNameSealed: 's',
      trackingNumber: `${merchantId}-${i}`,
      at: at(0),
    }).complaint;
    changes.push(countedChangeOf(undefined, complaint)!);
    const steps: [Parameters<typeof act>[1], Parameters<typeof act>[2], number][] =
      i % 3 === 0
        ? [['NOTIFY_MERCHANT', 'system', 0], ['ACKNOWLEDGE', 'merchant', (i % 5) * 0.3], ['PROPOSE_RESOLUTION', 'merchant', 2], ['CONFIRM', 'consumer', 3]]
        : i % 3 === 1
          ? [['NOTIFY_MERCHANT', 'system', 0], ['PROPOSE_RESOLUTION', 'merchant', 1 + (i % 4)], ['AUTO_SETTLE', 'system', 8.5 + (i % 4)]]
          : [['NOTIFY_MERCHANT', 'system', 0], ['ESCALATE', 'system', 8]];
    for (const [action, by, days] of steps) {
      const before = complaint;
      complaint = act(complaint, action, by, at(days)).complaint;
      changes.push(countedChangeOf(before, complaint)!);
    }
  }
  return changes;
};

/** Writes the merchant's counter items (its own scopes only: the load cloud's overall counters are left alone). */
const writeCounters = async (client: DynamoDBDocumentClient, merchantId: string, changes: CountedChange[]) => {
  const items = [...mergedDeltas(changes.map((change) => ({ ...change, scopes: change.scopes.filter((scope) => scope.startsWith(`MERCHANT#${merchantId}`)) }))).values()];
  for (const { scope, period, counts } of items) {
    const names = Object.keys(counts);
    await client.send(
      new UpdateCommand({
        TableName: localTableName,
        Key: keys.statistics(scope, period),
        UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:d${i}`, counts[name]])),
      }),
    );
  }
  return items.length;
};

describe('statistics reads', () => {
  it('cost the same items at 100,000 complaints as at 1,000, and about the same time', { timeout: 300_000 }, async () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }));
    const run = Date.now().toString(36);
    const merchants = { small: `stats-1k-${run}`, large: `stats-100k-${run}` };
    const sizes = { small: 1_000, large: 100_000 };
    const written: Record<string, number> = {};
    for (const size of ['small', 'large'] as const) written[size] = await writeCounters(client, merchants[size], countedChanges(merchants[size], sizes[size]));

    const reader = new DynamoDbStatisticsReader(client, localTableName);
    const itemsRead: Record<string, number> = {};
    const counting = { read: async (items: readonly { scope: string; period: string }[]) => ((itemsRead.current = (itemsRead.current ?? 0) + items.length), reader.read(items)) };
    const clock = { now: () => new Date('2026-11-20T00:00:00Z') };
    const directory = { get: async (merchantId: string) => ({ merchantId, tradeName: merchantId, active: true }) };
    const stats = merchantStatsUseCase({ statistics: counting, merchants: directory, clock });
    const measure = async (size: 'small' | 'large') => {
      itemsRead.current = 0;
      const answer = await stats(merchants[size]);
      const items = itemsRead.current;
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await stats(merchants[size]);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { answer, items, medianMs: times[10]!, p90Ms: times[18]! };
    };
    const small = await measure('small');
    const large = await measure('large');
    expect(small.answer.scorecard.complaints.filed).toBe(1_000);
    expect(large.answer.scorecard.complaints.filed).toBe(100_000);
    expect(large.answer.scorecard.complaints.settled.total).toBe(66_667);
    expect(large.answer.scorecard.rates).not.toBeNull();
    // The point: the same items, however many complaints.
    expect(large.items).toBe(small.items);
    console.log(
      `statistics read: 1,000 complaints ${small.items} items, median ${small.medianMs.toFixed(1)} ms (p90 ${small.p90Ms.toFixed(1)}); ` +
        `100,000 complaints ${large.items} items, median ${large.medianMs.toFixed(1)} ms (p90 ${large.p90Ms.toFixed(1)}); ` +
        `counter items written: ${written.small} and ${written.large}`,
    );
  });
});
