/**
 * A busy day against real DynamoDB's rules: the local cloud's DynamoDB proxy cancels overlapping
 * transactions as DynamoDB does (DynamoDB Local alone never would), so an item shared by many
 * complaints in the request path shows up here as 5xx answers.
 */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { keys } from '../../functions/adapters/table-design';
import { statusCounter } from '../../functions/domain/statistics';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import { startDynamoDbProxy } from '../../local/dynamodb-proxy';
import { complaintBody, onboardMerchant, statusBecomes } from './complaints';
import { eventually, freshPhone, request, signInVerified } from './http';
import { signedCall } from './signed';

const documentClient = (endpoint: string) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, ...localClientConfig, maxAttempts: 1 }));

/** 20 transactions at once, each adding 1 to the same counter: how many were cancelled for a conflict. */
const raceOnOneItem = async (endpoint: string) => {
  const client = documentClient(endpoint);
  const key = { pk: `TEST#race-${Date.now()}-${Math.random()}`, sk: 'COUNTER' };
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: localTableName, Item: { pk: `${key.pk}#own-${i}`, sk: 'X' } } },
            {
              Update: {
                TableName: localTableName,
                Key: key,
                UpdateExpression: 'ADD n :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      ),
    ),
  );
  const conflicts = outcomes.filter(
    (o) =>
      o.status === 'rejected' &&
      o.reason instanceof TransactionCanceledException &&
      o.reason.CancellationReasons?.[1]?.Code === 'TransactionConflict',
  ).length;
  const { Item } = await client.send(new GetCommand({ TableName: localTableName, Key: key, ConsistentRead: true }));
  client.destroy();
  return {
    conflicts,
    applied: (Item?.n as number | undefined) ?? 0,
    succeeded: outcomes.filter((o) => o.status === 'fulfilled').length,
  };
};

describe('transactions that overlap on one item', () => {
  it('DynamoDB Local alone applies them all; the proxy cancels the overlapping ones, as DynamoDB does', async () => {
    const direct = await raceOnOneItem(inject('dynamoDbEndpoint'));
    expect(direct).toEqual({ conflicts: 0, applied: 20, succeeded: 20 });
    const proxy = await startDynamoDbProxy(inject('dynamoDbEndpoint'));
    try {
      const strict = await raceOnOneItem(proxy.endpoint);
      expect(strict.conflicts).toBeGreaterThan(0);
      expect(strict.applied).toBe(strict.succeeded);
      expect(strict.conflicts + strict.succeeded).toBe(20);
    } finally {
      await proxy.close();
    }
  });
});

describe('the DynamoDB proxy’s meter', () => {
  it('adds up the units DynamoDB would bill (transactions at twice the rate), and keeps each request with the function that sent it', async () => {
    const proxy = await startDynamoDbProxy(inject('dynamoDbEndpoint'));
    try {
      const client = DynamoDBDocumentClient.from(
        new DynamoDBClient({ endpoint: proxy.endpoint, ...localClientConfig, userAgentAppId: 'meterTest' }),
      );
      const pk = `TEST#meter-${Date.now()}`;
      // 3,000 characters: 3 write units as a single put, 3 x 2 inside a transaction.
      const text = 'x'.repeat(3_000);
      await client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: localTableName, Item: { pk, sk: 'A', text } } }],
        }),
      );
      const read = await client.send(new GetCommand({ TableName: localTableName, Key: { pk, sk: 'A' } }));
      expect(read.Item?.text).toBe(text);
      // Asked for or not, the caller gets the consumed capacity back; nothing else changes.
      expect(read.ConsumedCapacity?.CapacityUnits).toBe(0.5);
      const usage = proxy.usage();
      expect(usage.operations).toEqual({
        TransactWriteItems: { calls: 1, readUnits: 0, writeUnits: 6 },
        GetItem: { calls: 1, readUnits: 0.5, writeUnits: 0 },
      });
      expect([usage.readUnits, usage.writeUnits, usage.requests]).toEqual([0.5, 6, 2]);
      expect(proxy.requestsAfter(1).map((entry) => [entry.sequence, entry.operation, entry.caller])).toEqual([
        [2, 'GetItem', 'meterTest'],
      ]);
    } finally {
      await proxy.close();
    }
  });
});

describe('a burst of filings and merchant actions', () => {
  // Minutes of virtual work locally: a hundred complaints, their timers and messages on one machine.
  it('answers 100 concurrent requests without a 5xx, and the statistics equal a recount', {
    timeout: 120_000,
  }, async () => {
    const { merchantId, merchantKey } = await onboardMerchant('busy');
    const consumers = await Promise.all(Array.from({ length: 10 }, () => signInVerified(freshPhone())));
    const file = (i: number) =>
      request(
        'POST',
        '/v1/complaints',
        { ...complaintBody, merchantId, orderRef: `BB-${i}` },
        consumers[i % consumers.length],
      );

    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => file(i)));
    expect(first.filter((r) => r.status >= 500)).toEqual([]);
    expect(first.every((r) => r.status === 201)).toBe(true);
    const trackingNumbers = first.map((r) => r.body.trackingNumber as string);
    for (const trackingNumber of trackingNumbers)
      expect(await statusBecomes(trackingNumber, 'AWAITING_MERCHANT', 20_000)).toBe('AWAITING_MERCHANT');
    const burst = await Promise.all([
      ...trackingNumbers.map((trackingNumber) =>
        signedCall(merchantKey, 'POST', `/v1/merchant/complaints/${trackingNumber}/acknowledge`, {}),
      ),
      ...Array.from({ length: 50 }, (_, i) => file(50 + i)),
    ]);
    expect(burst.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
    expect(burst.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    // Statistics follow from the stream of changes: wait until they stop moving, then recount.
    const stored = documentClient(inject('dynamoDbEndpoint'));
    const recount = async () => {
      const byStatus: Record<string, number> = {};
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await stored.send(
          new ScanCommand({
            TableName: localTableName,
            FilterExpression: 'sk = :sk AND merchantId = :m',
            ExpressionAttributeValues: { ':sk': 'COMPLAINT', ':m': merchantId },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? [])
          byStatus[statusCounter(item.status as string)] = (byStatus[statusCounter(item.status as string)] ?? 0) + 1;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return byStatus;
    };
    const counters = async () =>
      (
        await stored.send(
          new GetCommand({
            TableName: localTableName,
            Key: keys.statistics(`MERCHANT#${merchantId}`, 'TOTAL'),
            ConsistentRead: true,
          }),
        )
      ).Item ?? {};
    const expected = await eventually(
      recount,
      (byStatus) => byStatus[statusCounter('AWAITING_MERCHANT')] === 50,
      30_000,
    );
    expect(expected).toEqual({ [statusCounter('ACKNOWLEDGED')]: 50, [statusCounter('AWAITING_MERCHANT')]: 50 });
    const statusesOf = (item: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(item).filter(([name, count]) => name.startsWith('status_') && count !== 0));
    const settled = await eventually(
      counters,
      // Equal whatever order the item's attributes and the recount's statuses come in.
      (item) => item.filed === 100 && isDeepStrictEqual(statusesOf(item), statusesOf(expected)),
      { timeoutMs: 60_000, what: `${merchantId}'s counters to equal the recount ${JSON.stringify(expected)}` },
    );
    expect(statusesOf(settled)).toEqual(expected);
    expect(settled.filed).toBe(100);
    stored.destroy();
  });
});
