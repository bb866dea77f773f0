/**
 * `npm run bench` (alerts): what one scheduled evaluation of the alert rules reads over 10,000
 * merchants (200 in the smoke): the merchants are listed in the directory and given daily counters
 * as the stream would leave them (a surge at one in a hundred), written straight to DynamoDB Local;
 * then POST /__local/schedules/evaluateAlerts runs the real function. Read units come from the
 * local cloud's meters (ReturnConsumedCapacity). The target: reads grow with the merchants, not the
 * complaints: no complaint is read, and each merchant costs one Query of at most 63 small day items.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, inject, it } from 'vitest';
import { keys, tableDesign } from '../../functions/adapters/table-design';
import { addDays, dhakaDate } from '../../functions/domain/dates';
import { wholeDirectoryKey } from '../../functions/domain/merchant';
import { dailySincePeriod } from '../../functions/domain/statistics';
import { localClientConfig } from '../../local/dynamodb';
import { request } from '../integration/http';
import { addRows, smoke } from './report';
import { cloudUsage, usageBetween, writeAll } from './usage';

/**
 * Merchants in the directory, each with `days` daily counter items up to today (a surge at one in a
 * hundred; the others' filings stay below every floor, so the run raises the surges alone).
 */
const seedMerchants = (prefix: string, merchants: number, days: number, today: string) => {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < merchants; i++) {
    const merchantId = `${prefix}-${i}`;
    items.push({
      ...keys.merchantName(`${wholeDirectoryKey}${merchantId}`, merchantId),
      merchantId,
      tradeName: merchantId,
    });
    // Counters kept since 62 days ago: the days a merchant has no item for are quiet, not unknown.
    items.push({ ...keys.statistics(`MERCHANT#${merchantId}`, dailySincePeriod), since: addDays(today, -62) });
    const surging = i % 100 === 0;
    for (let day = 0; day < days; day++)
      items.push({
        ...keys.statistics(`MERCHANT#${merchantId}`, `DAY#${addDays(today, -day)}`),
        filed: surging && day < 3 ? 40 : 0,
        escalated: day % 5 === 0 ? 1 : 0,
        deadlinesDue: 2,
        deadlinesMissed: day % 7 === 0 ? 1 : 0,
        [tableDesign.timeToLiveAttribute]: Math.floor(Date.now() / 1000) + 70 * 86_400,
      });
  }
  return items;
};

/** One run of the evaluation, with what it read; the merchants evaluated include those earlier files left. */
const evaluation = async () => {
  const before = await cloudUsage();
  const started = performance.now();
  const evaluated = await request('POST', '/__local/schedules/evaluateAlerts', {});
  const seconds = (performance.now() - started) / 1000;
  const delta = usageBetween(before, await cloudUsage());
  expect(evaluated.status, JSON.stringify(evaluated.body)).toBe(200);
  const result = evaluated.body as { merchants: number; raised: string[] };
  const calls = Object.values(delta.dynamoDbCalls).reduce((sum, count) => sum + count, 0);
  return { ...result, seconds, readUnits: delta.readUnits, calls, perMerchant: delta.readUnits / result.merchants };
};

/** A merchant's 63 days in one eventually consistent Query (at most 8 KB: 1 RRU), and its share of the directory pages and alerts. */
const floorPerMerchant = 1.1;

it('measures one evaluation of the alert rules over 10,000 merchants', { timeout: 1_800_000 }, async () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
  );
  const run = Date.now().toString(36);
  const clock = (await request('GET', '/__local/clock')).body as { now: string };
  const today = dhakaDate(new Date(clock.now));
  // The most one merchant's read can cost: every one of the 63 days a rule may read has counters.
  const fullDays = smoke ? 50 : 200;
  await writeAll(client, seedMerchants(`alerts-full-${run}`, fullDays, 63, today));
  const full = await evaluation();
  // Many merchants, each with a week of days (what a busy week leaves; 10,000 x 63 items take DynamoDB Local over 15 minutes to load).
  const many = smoke ? 200 : 10_000;
  await writeAll(client, seedMerchants(`alerts-many-${run}`, many, 7, today));
  const wide = await evaluation();
  expect(wide.merchants).toBeGreaterThanOrEqual(many + fullDays);
  expect(wide.raised.filter((id) => id.includes(`.filing-surge.alerts-many-${run}-`))).toHaveLength(many / 100);
  const row = (result: typeof full, subject: string) => ({
    section: 'alerts',
    subject,
    measured: `${result.readUnits.toLocaleString('en')} RRU in ${result.calls.toLocaleString('en')} DynamoDB calls (${result.perMerchant.toFixed(2)} RRU a merchant); ${result.seconds.toFixed(1)} s; ${result.raised.length} alerts raised`,
    floor: `O(merchants), whatever their complaints: ≤ ${floorPerMerchant} RRU a merchant (one Query of its 63 days, ≤ 8 KB, and its share of the directory pages)`,
    versus: `${result.perMerchant <= floorPerMerchant ? 'met' : 'missed'}: ${result.perMerchant.toFixed(2)} RRU a merchant`,
    how: 'POST /__local/schedules/evaluateAlerts on a seeded directory and daily counters; units from ReturnConsumedCapacity',
  });
  addRows([
    row(
      full,
      `one evaluation of the alert rules, ${full.merchants.toLocaleString('en')} merchants with counters on all 63 days`,
    ),
    row(
      wide,
      `one evaluation of the alert rules over ${wide.merchants.toLocaleString('en')} merchants (a week of days each)`,
    ),
  ]);
  expect(full.perMerchant).toBeLessThanOrEqual(floorPerMerchant);
  expect(wide.perMerchant).toBeLessThanOrEqual(floorPerMerchant);
});
