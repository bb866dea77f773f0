/**
 * A 100,000-row CSV export: more than API Gateway (10 MB) or Lambda (6 MB) could answer, so it runs
 * as a job that writes the file to S3 in parts, with progress the caller polls. The escalated cases
 * are written straight to the table (filing 100,000 complaints over HTTP would take the local cloud
 * most of an hour), as the complaint adapter stores them, under a merchant of their own.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { keys, tableDesign } from '../../functions/adapters/table-design';
import { localClientConfig, localTableName } from '../../local/dynamodb';
import { eventually } from '../integration/http';
import { seeds, signedCall } from '../integration/signed';
import { sized, smoke } from './size';

/** Past Lambda's 6 MB answer at full size; the smoke's still passes several progress reports. */
const rows = sized(100_000, 12_000);

const escalatedCase = (merchantId: string, n: number) => {
  const trackingNumber = `LOAD${String(n).padStart(6, '0')}`;
  const escalatedAt = new Date(Date.UTC(2026, 9, 1) + n * 1000).toISOString();
  // The merchant's index only: the export reads no other, and each index written slows DynamoDB Local's load.
  const { escalatedByMerchant } = tableDesign.indexes;
  return {
    ...keys.complaint(trackingNumber),
    [escalatedByMerchant.partitionKey]: `ESCALATED#${merchantId}`,
    [escalatedByMerchant.sortKey]: `${escalatedAt}#${trackingNumber}`,
    trackingNumber,
    merchantId,
    status: 'ESCALATED',
    category: n % 2 ? 'NOT_DELIVERED' : 'REFUND_NOT_RECEIVED',
    deliveryDistrict: n % 3 ? 'dhaka' : 'chattogram',
    escalationReason: 'MERCHANT_DEADLINE_MISSED',
    amount: 1000 + (n % 5000),
    remedySought: 'REFUND',
    filedAt: '2026-09-20T08:00:00.000Z',
    escalatedAt,
  };
};

describe(`a ${rows.toLocaleString('en')}-row case export`, () => {
  it('is written to S3 by a job whose progress can be polled, and downloads whole', async () => {
    const merchantId = `export-load-${Date.now().toString(36)}`;
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), ...localClientConfig }),
    );
    const loadStarted = performance.now();
    let next = 0;
    const writer = async () => {
      while (next < rows) {
        const start = next;
        next += 25;
        let items = Array.from({ length: Math.min(25, rows - start) }, (_, i) => ({
          PutRequest: { Item: escalatedCase(merchantId, start + i) },
        }));
        while (items.length > 0) {
          const { UnprocessedItems } = await client.send(
            new BatchWriteCommand({ RequestItems: { [localTableName]: items } }),
          );
          items = (UnprocessedItems?.[localTableName] ?? []) as typeof items;
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, writer));
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const asked = await signedCall(seeds().regulator, 'POST', '/v1/regulator/exports', {
      merchantId,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const exportStarted = performance.now();
    const seen: { status: string; rowsWritten: number }[] = [];
    const done = await eventually(
      async () => {
        const job = await signedCall(seeds().regulator, 'GET', asked.body.statusPath as string);
        seen.push({
          status: job.body.status as string,
          rowsWritten: (job.body.progress as { rowsWritten: number }).rowsWritten,
        });
        return job;
      },
      (job) => job.body.status === 'SUCCEEDED' || job.body.status === 'FAILED',
      { timeoutMs: 300_000, everyMs: 250, what: 'the export job to finish' },
    );
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    expect(done.body.status).toBe('SUCCEEDED');
    expect(done.body.progress).toMatchObject({ rowsWritten: rows, percent: 100 });
    // The caller saw it moving: a poll while it ran reported part of the rows.
    expect(seen.some((poll) => poll.status === 'RUNNING' && poll.rowsWritten > 0 && poll.rowsWritten < rows)).toBe(
      true,
    );

    const file = await fetch((done.body.download as { url: string }).url);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(done.body.bytes);
    // Larger than Lambda's 6 MB response: it could never have been one API answer.
    if (!smoke) expect(bytes.length).toBeGreaterThan(6 * 1024 * 1024);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(rows + 1);
    const numbers = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(numbers.size).toBe(rows);
    expect(lines[1]!.startsWith(`LOAD${String(rows - 1).padStart(6, '0')},ESCALATED,${merchantId}`)).toBe(true);
    console.log(
      `case export: ${rows.toLocaleString('en')} rows loaded in ${loadSeconds.toFixed(1)} s; exported in ${exportSeconds.toFixed(1)} s ` +
        `(${Math.round(rows / exportSeconds).toLocaleString('en')} rows/s), ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${seen.length} polls`,
    );
  }, 900_000);
});
