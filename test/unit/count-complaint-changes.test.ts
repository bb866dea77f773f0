/**
 * The statistics' own stream consumer: it counts the complaint changes of a batch (and nothing
 * else the stream carries) in one transaction, and fails the batch when counting fails, so its own
 * event source retries it; the change consumer is not involved.
 */
import { TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { complaintStreamRecord, filedComplaint, notifiedComplaint } from './fixtures';

const dynamo = mockClient(DynamoDBDocumentClient);
let countChanges: (event: DynamoDBStreamEvent, context: Context) => Promise<void>;
const handler = (event: DynamoDBStreamEvent) =>
  countChanges(event, { awsRequestId: 'r', functionName: 'f' } as Context);

const filed = filedComplaint;
const notified = notifiedComplaint;
const change = complaintStreamRecord;
const batch = (...records: object[]) => ({ Records: records }) as unknown as DynamoDBStreamEvent;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'ccms-test');
  vi.stubEnv('AWS_REGION', 'ap-south-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler: countChanges } = await import('../../functions/workflow/count-complaint-changes'));
});

beforeEach(() => {
  dynamo.reset();
});

describe('counting complaint changes', () => {
  it('counts the batch’s complaint changes together, each with its marker, and passes over other items', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await handler(
      batch(
        change('1', undefined, filed),
        change('2', { sk: 'TIMELINE#000001' }, { sk: 'TIMELINE#000002' } as object, 'TIMELINE#000002'),
        change('3', filed, notified),
      ),
    );
    const transactions = dynamo.commandCalls(TransactWriteCommand);
    expect(transactions).toHaveLength(1);
    const items = transactions[0]!.args[0].input.TransactItems!;
    const markers = items.filter((item) => item.Put).map((item) => item.Put!.Item!.pk as string);
    expect(markers).toHaveLength(2);
    expect(markers.every((pk) => pk.includes('ABCDE-FGHJ0'))).toBe(true);
    const counters = items.filter((item) => item.Update).map((item) => item.Update!.Key!.pk as string);
    expect(counters.length).toBeGreaterThan(0);
  });

  it('fails the batch when the counters cannot be written, for its own stream to retry', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('DynamoDB is unavailable'));
    await expect(handler(batch(change('1', undefined, filed)))).rejects.toThrow(/unavailable/);
  });

  it('writes nothing for a batch with no complaint change', async () => {
    await handler(
      batch(change('2', { sk: 'TIMELINE#000001' }, { sk: 'TIMELINE#000002' } as object, 'TIMELINE#000002')),
    );
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
