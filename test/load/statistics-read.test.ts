/**
 * Statistics read in O(1): a merchant with 100,000 complaints' worth of counters is read with the
 * same items, and about the same time, as one with 1,000. The complaints are walked through the
 * real lifecycle in memory (filed over a year; settled by confirmation, automatically, or
 * escalated), their changes counted and merged as the stream consumer does, and the counter items
 * written to the load cloud's DynamoDB Local; then the scorecard is read through the open-data
 * use case and DynamoDB, as GET /v1/public/merchants/{id}/stats reads it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbStatisticsReader } from '../../functions/adapters/dynamodb-statistics';
import { merchantStatsUseCase } from '../../functions/public/use-cases';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import { countedChanges, writeCounters } from './merchant-counters';
import { sized } from './size';

const largeSize = sized(100_000, 10_000);

describe('statistics reads', () => {
  it(`cost the same items at ${largeSize.toLocaleString('en')} complaints as at 1,000, and about the same time`, {
    timeout: 300_000,
  }, async () => {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
    );
    const run = Date.now().toString(36);
    const merchants = { small: `stats-1k-${run}`, large: `stats-100k-${run}` };
    const sizes = { small: 1_000, large: largeSize };
    const written: Record<string, number> = {};
    for (const size of ['small', 'large'] as const)
      written[size] = await writeCounters(client, merchants[size], countedChanges(merchants[size], sizes[size]));

    const reader = new DynamoDbStatisticsReader(client, localTableName);
    const itemsRead: Record<string, number> = {};
    const counting = {
      read: async (items: readonly { scope: string; period: string }[]) => {
        itemsRead.current = (itemsRead.current ?? 0) + items.length;
        return reader.read(items);
      },
    };
    const clock = { now: () => new Date('2026-11-20T00:00:00Z') };
    const directory = { get: async (merchantId: string) => ({ merchantId, tradeName: merchantId, active: true }) };
    const stats = merchantStatsUseCase({
      statistics: counting,
      merchants: directory,
      orderCounts: { get: async () => undefined, put: async () => {}, list: async () => [] },
      clock,
    });
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
    expect(large.answer.scorecard.complaints.filed).toBe(largeSize);
    // Every third complaint (i % 3 === 2) is escalated; the others are settled.
    expect(large.answer.scorecard.complaints.settled.total).toBe(largeSize - Math.floor(largeSize / 3));
    expect(large.answer.scorecard.rates).not.toBeNull();
    // The point: the same items, however many complaints.
    expect(large.items).toBe(small.items);
    console.log(
      `statistics read: 1,000 complaints ${small.items} items, median ${small.medianMs.toFixed(1)} ms (p90 ${small.p90Ms.toFixed(1)}); ` +
        `${largeSize.toLocaleString('en')} complaints ${large.items} items, median ${large.medianMs.toFixed(1)} ms (p90 ${large.p90Ms.toFixed(1)}); ` +
        `counter items written: ${written.small} and ${written.large}`,
    );
  });
});
