/**
 * `npm run bench` (statistics): what a merchant's public statistics cost to read at 1,000 and at
 * 100,000 complaints: GET /v1/public/merchants/{id}/stats through the local gateway, its DynamoDB
 * read units (ReturnConsumedCapacity) and calls from the local cloud's meters, and its latency
 * (median of 20). The counters are written as the complaints would leave them (test/load's
 * fixture); the floor is the read at 1,000: the read must cost the same at 100,000.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, inject, it } from 'vitest';
import { localClientConfig } from '../../local/dynamodb';
import { onboardMerchant } from '../integration/complaints';
import { request } from '../integration/http';
import { countedChanges, writeCounters } from '../load/merchant-counters';
import { addCounts, addRows, median, smoke } from './report';
import { cloudUsage, usageBetween } from './usage';

it('measures a merchant’s statistics read at 1,000 and 100,000 complaints', { timeout: 600_000 }, async () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
  );
  const sizes = smoke ? [1_000, 10_000] : [1_000, 100_000];
  const results: { complaints: number; readUnits: number; calls: number; medianMs: number }[] = [];
  for (const complaints of sizes) {
    const { merchantId } = await onboardMerchant(`stats${complaints}`);
    await writeCounters(client, merchantId, countedChanges(merchantId, complaints));
    const before = await cloudUsage();
    const answer = await request('GET', `/v1/public/merchants/${merchantId}/stats`);
    const delta = usageBetween(before, await cloudUsage());
    expect(answer.status).toBe(200);
    expect(answer.body.scorecard.complaints.filed).toBe(complaints);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await request('GET', `/v1/public/merchants/${merchantId}/stats`);
      times.push(performance.now() - started);
    }
    results.push({
      complaints,
      readUnits: delta.readUnits,
      calls: Object.values(delta.dynamoDbCalls).reduce((sum, count) => sum + count, 0),
      medianMs: median(times),
    });
  }
  const [small, large] = results as [(typeof results)[0], (typeof results)[0]];
  addCounts('statisticsRead', results);
  addRows(
    results.map((result) => ({
      section: 'statistics',
      subject: `a merchant's public statistics at ${result.complaints.toLocaleString('en')} complaints`,
      measured: `${result.readUnits} RRU in ${result.calls} DynamoDB calls; median ${result.medianMs.toFixed(0)} ms`,
      floor: `${small.readUnits} RRU, ${small.medianMs.toFixed(0)} ms (at ${small.complaints.toLocaleString('en')})`,
      versus: `${(result.readUnits / small.readUnits).toFixed(2)}x the units`,
      how: 'GET /v1/public/merchants/{id}/stats via the local gateway; units from ReturnConsumedCapacity; median of 20',
    })),
  );
  expect(large.readUnits).toBe(small.readUnits);
});
