import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { transactionRetry } from '../../functions/adapters/dynamodb-transactions';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConcurrentChangeError } from '../../functions/domain/errors';
import { filingRequest } from './fixtures';

const dynamo = mockClient(DynamoDBDocumentClient);
const kms = mockClient(KMSClient);
const verifiedProfile = (consumerId: string) => ({
  consumerId,
  identity: {
    document: 'NID',
    numberHash: 'h',
    lastDigits: '456',
    dateOfBirth: '1990-01-15',
    verifiedAt: '2026-01-01T00:00:00Z',
  },
});
let handler: (
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<{ statusCode: number; body: string; headers?: Record<string, string | number | boolean> }>;

const context = { awsRequestId: 'req-1', functionName: 'fileComplaint' } as Context;
const event = (body: string | null, consumerId?: string) =>
  ({
    body,
    isBase64Encoded: false,
    headers: {},
    requestContext: { authorizer: consumerId ? { consumerId } : null },
  }) as unknown as APIGatewayProxyEvent;
const call = async (body: string | null, consumerId?: string) => {
  const response = await handler(event(body, consumerId), context);
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
};

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'ccms-test');
  vi.stubEnv('PERSONAL_DATA_KEY_ID', 'arn:aws:kms:ap-south-1:111122223333:key/personal-data');
  vi.stubEnv('IDEMPOTENCY_TABLE_NAME', 'ccms-test-idempotency');
  // The fixture's order is a week before "today": inside the filing window.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-05-01T08:00:00Z'));
  vi.stubEnv('AWS_REGION', 'ap-south-1');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../functions/complaints/file-complaint'));
});

const getItem = (input: { Key?: Record<string, unknown> }) => {
  const pk = String(input.Key?.pk);
  if (pk === 'CONSUMER#+8801712345678' || pk === 'CONSUMER#c1')
    return { Item: { profile: verifiedProfile(pk.slice('CONSUMER#'.length)) } };
  if (pk.startsWith('CONSUMER#') || pk.startsWith('ORDER#')) return {};
  return { Item: { merchantId: 'demo-bazaar', tradeName: 'Demo Bazaar', active: true } };
};

beforeEach(() => {
  dynamo.reset();
  dynamo.on(GetCommand).callsFake(getItem);
  dynamo.on(TransactWriteCommand).resolves({});
  kms.reset();
  kms.on(EncryptCommand).callsFake((input: { Plaintext: Uint8Array }) => ({
    CiphertextBlob: Buffer.concat([Buffer.from('sealed:'), Buffer.from(input.Plaintext)]),
  }));
});

describe('POST /v1/complaints handler', () => {
  it("stores the complaint with its first timer, its first timeline entry and its order's hold in one transaction of its own items only, and answers 201", async () => {
    const { status, body } = await call(JSON.stringify(filingRequest()), '+8801712345678');
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'SUBMITTED', trackingNumber: expect.stringMatching(/^\w{5}-\w{5}$/) });

    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const complaintPut = items[0]!.Put!;
    expect(complaintPut.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(complaintPut.Item).toMatchObject({
      pk: `COMPLAINT#${body.trackingNumber}`,
      gsi1pk: 'MERCHANT#demo-bazaar#SUBMITTED',
      gsi2pk: 'CONSUMER#+8801712345678',
      consumerId: '+8801712345678',
      timer: { seq: 1, purpose: 'NOTIFY_MERCHANT' },
    });
    expect(complaintPut.Item!.gsi3pk).toBeUndefined();
    expect(items[1]!.Put!.Item).toMatchObject({ sk: 'TIMELINE#000001', action: 'FILE' });
    // The order is held by this complaint alone: a second filing for it fails this condition.
    expect(items[2]!.Put).toMatchObject({
      Item: { pk: expect.stringMatching(/^ORDER#demo-bazaar#[0-9a-f]{64}$/), trackingNumber: body.trackingNumber },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    // Nothing another complaint also writes (statistics follow from the stream).
    expect(items).toHaveLength(3);
    // The name is stored sealed with the personal-data key, the tracking number bound in; never in clear.
    expect(JSON.stringify(items)).not.toContain('Rahima');
    expect(kms.commandCalls(EncryptCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'arn:aws:kms:ap-south-1:111122223333:key/personal-data',
      EncryptionContext: { trackingNumber: body.trackingNumber },
    });
  });

  it('retries a transaction cancelled by a conflict, then answers 503 with Retry-After if the conflict lasts', async () => {
    const conflict = () =>
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      });
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    expect((await call(JSON.stringify(filingRequest()), '+8801712345678')).status).toBe(201);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);

    dynamo.reset();
    dynamo.on(GetCommand).callsFake(getItem);
    dynamo.on(TransactWriteCommand).rejects(conflict());
    const busy = await call(JSON.stringify(filingRequest()), '+8801712345678');
    expect(busy.status).toBe(503);
    expect(busy.headers?.['retry-after']).toBe('1');
    expect(busy.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(transactionRetry.attempts);
  });

  it('answers 503, not 500, when DynamoDB throttles beyond the SDK retries', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} }));
    const throttled = await call(JSON.stringify(filingRequest()), '+8801712345678');
    expect(throttled.status).toBe(503);
    expect(throttled.headers?.['retry-after']).toBeDefined();
  });

  it('answers 401 without a verified consumer, and stores nothing', async () => {
    const { status, body } = await call(JSON.stringify(filingRequest()));
    expect(status).toBe(401);
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON, and for missing fields with one message per field', async () => {
    expect((await call('{"merchantId":', 'c1')).body.error.message).toBe('The request body is not valid JSON.');
    const { status, body } = await call(JSON.stringify({ merchantId: 'demo-bazaar' }), 'c1');
    expect(status).toBe(400);
    expect(Object.keys(body.error.fields)).toEqual(
      expect.arrayContaining(['category', 'description', 'orderRef', 'orderDate', 'amount', 'remedySought']),
    );
  });

  it('answers 403 IDENTITY_REQUIRED for a consumer who has not verified their identity', async () => {
    const { status, body } = await call(JSON.stringify(filingRequest()), '+8801999999999');
    expect(status).toBe(403);
    expect(body.error.code).toBe('IDENTITY_REQUIRED');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 422 with a reason for an unknown merchant', async () => {
    dynamo.on(GetCommand, { Key: { pk: 'MERCHANT#nobody', sk: 'PROFILE' } }).resolves({});
    const { status, body } = await call(JSON.stringify(filingRequest({ merchantId: 'nobody' })), 'c1');
    expect(status).toBe(422);
    expect(body.error).toEqual({
      code: 'UNKNOWN_MERCHANT',
      message: 'No active merchant is registered with id "nobody". Choose the merchant from the list.',
    });
  });

  it('answers 500 with a reference, never the raw database error', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded: secret table details'));
    const { status, body } = await call(JSON.stringify(filingRequest()), 'c1');
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret table details');
    expect(body.error.message).toContain('reference req-1');
  });
});

describe('DynamoDB complaint repository', () => {
  it('turns a failed version condition into ConcurrentChangeError', async () => {
    const { DynamoDbComplaintRepository } = await import('../../functions/adapters/dynamodb-complaints');
    const { fileComplaint, act } = await import('../../functions/domain/complaint');
    const filed = fileComplaint({
      request: filingRequest(),
      consumerId: 'c1',
      complainantNameSealed: 'sealed-name',
      trackingNumber: 'ABCDE-FGHJ0',
      at: new Date('2026-05-01T00:00:00Z'),
    });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const repository = new DynamoDbComplaintRepository(
      DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' })),
      'ccms-test',
    );
    const change = act(filed.complaint, 'NOTIFY_MERCHANT', 'system', new Date('2026-05-01T00:00:01Z'));
    await expect(repository.save(filed.complaint, change)).rejects.toThrow(ConcurrentChangeError);
    const put = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!;
    expect(put.ConditionExpression).toBe('timelineHead = :head AND attribute_not_exists(erasedAt)');
    expect(put.ExpressionAttributeValues).toEqual({ ':head': filed.complaint.timelineHead });
  });
});
