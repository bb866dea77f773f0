/**
 * Tracking numbers stay unique under concurrency: 2,000 filings from 100 clients filing at the same
 * time, each answered 201 with its own number, each number stored once. (All 2,000 at once would
 * only measure this machine: the local cloud runs each function in one worker and files about 40
 * complaints a second, so the last of 2,000 simultaneous requests would wait past the function's
 * timeout. In AWS each runs in its own sandbox, up to the account's Lambda concurrency.)
 * This file has a local cloud of its own (project `load`, run after the others): the timers and
 * messages of 2,000 complaints would otherwise keep the shared cloud busy for minutes. The complaints are withdrawn afterwards, so their
 * timers do not weigh on the files that move the clock after this one.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../functions/adapters/table-design';
import { parseTrackingNumber } from '../../functions/domain/tracking-number';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import { complaintBody, onboardMerchant } from '../integration/complaints';
import { freshPhone, request, signInVerified } from '../integration/http';
import { sized } from './size';

const filings = sized(2_000, 200);
const consumers = 20;
const clients = sized(100, 20);

/** Runs `work(0..count-1)` with `parallel` calls in flight at any time; answers in order. */
const inParallel = async <T>(count: number, parallel: number, work: (i: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = new Array(count);
  let next = 0;
  const client = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: parallel }, client));
  return results;
};

/** Which of these tracking numbers are stored as complaints, read straight from the table. */
const storedNumbers = async (numbers: string[]) => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
  );
  const found: string[] = [];
  for (let i = 0; i < numbers.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [localTableName]: { Keys: numbers.slice(i, i + 100).map((number) => keys.complaint(number)) },
    };
    while (request && Object.keys(request).length > 0) {
      const page = await client.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(page.Responses?.[localTableName] ?? []).map((item) => item.trackingNumber as string));
      request = page.UnprocessedKeys as typeof request;
    }
  }
  client.destroy();
  return found;
};

describe('tracking numbers', () => {
  it(`are unique across ${filings} filings from ${clients} parallel clients`, { timeout: 300_000 }, async () => {
    const { merchantId } = await onboardMerchant('rush');
    const sessions = await Promise.all(Array.from({ length: consumers }, () => signInVerified(freshPhone())));
    const started = Date.now();
    const answers = await inParallel(filings, clients, (i) =>
      request(
        'POST',
        '/v1/complaints',
        { ...complaintBody, merchantId, orderRef: `RUSH-${i}` },
        sessions[i % consumers],
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${filings} filings from ${clients} parallel clients answered in ${seconds.toFixed(1)} s (${(filings / seconds).toFixed(0)} a second)`,
    );

    const failed = answers.filter((answer) => answer.status !== 201);
    expect(
      failed.slice(0, 3).map((answer) => [answer.status, answer.body]),
      `${failed.length} failed`,
    ).toEqual([]);
    const numbers = answers.map((answer) => answer.body.trackingNumber as string);
    expect(numbers.filter((number) => parseTrackingNumber(number) !== number)).toEqual([]);
    expect(new Set(numbers).size).toBe(filings);
    // Each is stored once, as its own complaint.
    const stored = await storedNumbers(numbers);
    expect(stored).toHaveLength(filings);
    expect(new Set(stored)).toEqual(new Set(numbers));
  });
});
