/**
 * What the DynamoDB adapters ask of DynamoDB where DynamoDB Local cannot show the difference:
 * it always reads consistently, so only the request can prove a read is strongly consistent.
 */
import {
  BatchWriteCommand,
  GetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbCaseIndex } from '../../functions/adapters/dynamodb-case-index';
import { DynamoDbComplaintRepository } from '../../functions/adapters/dynamodb-complaints';
import { DynamoDbCredentialStore } from '../../functions/adapters/dynamodb-credentials';
import { DynamoDbEmailSuppressions } from '../../functions/adapters/dynamodb-email-suppressions';
import { DynamoDbMerchantDirectory } from '../../functions/adapters/dynamodb-merchants';
import { DynamoDbSessionStore } from '../../functions/adapters/dynamodb-identity';
import { DynamoDbStatistics } from '../../functions/adapters/dynamodb-statistics';
import { DynamoDbUndeliverableMessages } from '../../functions/adapters/dynamodb-undeliverable';
import { DynamoDbUnlistedSellers } from '../../functions/adapters/dynamodb-unlisted-sellers';
import { transactionRetry, writeBatch, writeTransaction } from '../../functions/adapters/dynamodb-transactions';
import { InvalidRequestError, ServiceUnavailableError } from '../../functions/domain/errors';
import { countedChangeOf, mergedDeltas, type CountedImage } from '../../functions/domain/statistics';

const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' }));

beforeEach(() => {
  dynamo.reset();
  dynamo.on(GetCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
});

describe('reads that must see the latest write', () => {
  it('reads a session strongly consistently: a session works the moment it is handed out', async () => {
    await new DynamoDbSessionStore(client, 't').get('hash');
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
  });

  it('reads a credential strongly consistently: a revoked key stops at once', async () => {
    await new DynamoDbCredentialStore(client, 't').get('CCMSM0000');
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
  });
});

describe('page cursors', () => {
  const repository = new DynamoDbComplaintRepository(client, 't');
  const cursor = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const ownKey = {
    pk: 'COMPLAINT#AAAAA-BBBBB',
    sk: 'COMPLAINT',
    gsi1pk: 'MERCHANT#m1#AWAITING_MERCHANT',
    gsi1sk: '2026-05-01T00:00:00.000Z#AAAAA-BBBBB',
  };

  it('passes on a key of the same list', async () => {
    await repository.listByMerchant('m1', 'AWAITING_MERCHANT', { limit: 10, cursor: cursor(ownKey) });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual(ownKey);
  });

  it.each([
    ['not JSON', 'bm90IGpzb24'],
    ['made-up fields', cursor({ a: 1 })],
    ['another merchant', cursor({ ...ownKey, gsi1pk: 'MERCHANT#m2#AWAITING_MERCHANT' })],
    ['another status', cursor({ ...ownKey, gsi1pk: 'MERCHANT#m1#ESCALATED' })],
    ['not a complaint', cursor({ ...ownKey, pk: 'SESSION#x', sk: 'SESSION' })],
    ['a number for a key', cursor({ ...ownKey, gsi1sk: 5 })],
    [
      'half a surrogate pair',
      Buffer.from(JSON.stringify(ownKey).replace('AAAAA-BBBBB"', 'AAAAA-BBBBB\\ud800"')).toString('base64url'),
    ],
    // 200 characters, 600 bytes: within a character count, past DynamoDB's byte limits.
    ['a key of 600 bytes', cursor({ ...ownKey, gsi1sk: `2026-05-01T00:00:00.000Z#${'অ'.repeat(200)}` })],
  ])('refuses a cursor with %s before DynamoDB sees it', async (_what, bad) => {
    await expect(
      repository.listByMerchant('m1', 'AWAITING_MERCHANT', { limit: 10, cursor: bad }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('cursors of a list sorted by a Number', () => {
  const sellers = new DynamoDbUnlistedSellers(client, 't');
  const cursor = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const lastKey = { pk: 'UNLISTED#WEB:shop.example.com', sk: 'SELLER', gsi8pk: 'UNLISTED#SELLERS', gsi8sk: 7 };

  it('gives out the last key with its number and takes it back as a number', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: lastKey });
    const { nextCursor } = await sellers.ranked({ limit: 1 });
    await sellers.ranked({ limit: 1, cursor: nextCursor });
    expect(dynamo.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual(lastKey);
  });

  it.each([
    ['the count as a string', { ...lastKey, gsi8sk: '7' }],
    ['a fraction', { ...lastKey, gsi8sk: 7.5 }],
    ['a number past what is exact', { ...lastKey, gsi8sk: 2 ** 60 }],
    ['a number for a string key', { ...lastKey, sk: 1 }],
    ['another list', { ...lastKey, gsi8pk: 'ALERTS' }],
  ])('refuses %s before DynamoDB sees it', async (_what, key) => {
    await expect(sellers.ranked({ limit: 1, cursor: cursor(key) })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe("a consumer's latest seller reports", () => {
  const sellers = new DynamoDbUnlistedSellers(client, 't');
  const reportItem = (index: number) => ({
    reportId: String(index),
    sellerName: `Shop ${index}`,
    identifiers: [],
    category: 'NOT_DELIVERED',
    description: '',
    reportedAt: '2026-05-01T00:00:00.000Z',
  });

  it('asks DynamoDB for one more than it keeps, newest first, and says whether there were more', async () => {
    dynamo.on(QueryCommand).resolves({ Items: Array.from({ length: 3 }, (_, index) => reportItem(index)) });
    const { reports, more } = await sellers.newestReportsBy('+8801712345678', 2);
    expect(reports.map((report) => report.reportId)).toEqual(['0', '1']);
    expect(more).toBe(true);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'byConsumer',
      ScanIndexForward: false,
      Limit: 3,
    });
    dynamo.on(QueryCommand).resolves({ Items: [reportItem(0)] });
    expect((await sellers.newestReportsBy('+8801712345678', 2)).more).toBe(false);
  });

  it('asks again where DynamoDB stopped a page at 1 MB, for what is left', async () => {
    const stoppedAt = { pk: 'UNLISTED#REPORT#0', sk: 'REPORT' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [reportItem(0)], LastEvaluatedKey: stoppedAt })
      .resolvesOnce({ Items: [reportItem(1), reportItem(2)] });
    const { reports, more } = await sellers.newestReportsBy('+8801712345678', 2);
    expect(reports.map((report) => report.reportId)).toEqual(['0', '1']);
    expect(more).toBe(true);
    const second = dynamo.commandCalls(QueryCommand)[1]!.args[0].input;
    expect(second).toMatchObject({ ExclusiveStartKey: stoppedAt, Limit: 2 });
  });
});

describe('regulator search cursors', () => {
  const index = new DynamoDbCaseIndex(client, 't');
  const search = { merchantId: 'm1', from: '2026-05-01', to: '2026-05-31' };
  const keyAt = (escalatedAt: string) => ({
    pk: 'COMPLAINT#AAAAA-BBBBB',
    sk: 'COMPLAINT',
    gsi4pk: 'ESCALATED#m1',
    gsi4sk: `${escalatedAt}#AAAAA-BBBBB`,
  });
  /** A cursor this search gave out, its key then swapped: the digest in it is no secret, so anyone can keep it and change the key. */
  const reforged = async (escalatedAt: string) => {
    const last = keyAt('2026-05-20T10:00:00.000Z');
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [last], LastEvaluatedKey: last })
      .resolves({ Items: [] });
    const { nextCursor } = await index.search(search, { limit: 1 });
    const cursor = JSON.parse(Buffer.from(nextCursor!, 'base64url').toString('utf8')) as Record<string, unknown>;
    dynamo.resetHistory();
    return Buffer.from(
      JSON.stringify({ ...cursor, k: Buffer.from(JSON.stringify(keyAt(escalatedAt))).toString('base64url') }),
    ).toString('base64url');
  };

  it("goes on from a key within the search's range", async () => {
    await index.search(search, { limit: 1, cursor: await reforged('2026-05-10T00:00:00.000Z') });
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input.ExclusiveStartKey).toEqual(
      keyAt('2026-05-10T00:00:00.000Z'),
    );
  });

  it.each([
    ['before the range', '2026-04-30T23:59:59.999Z'],
    ['after the range', '2026-06-01T00:00:00.000Z'],
  ])(
    'refuses a key %s before DynamoDB sees it (DynamoDB answers such a start key with a ValidationException, a 500)',
    async (_where, at) => {
      const forged = await reforged(at);
      await expect(index.search(search, { limit: 1, cursor: forged })).rejects.toBeInstanceOf(InvalidRequestError);
      expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    },
  );
});

describe('statistics from the stream', () => {
  const image = (trackingNumber: string, seq: number, status: string, lastAction: string, at: string): CountedImage =>
    ({
      trackingNumber,
      merchantId: 'm1',
      category: 'NOT_DELIVERED',
      status,
      timelineSeq: seq,
      lastAction,
      lastActionAt: at,
      filedAt: '2026-05-01T08:00:00Z',
      reopenCount: 0,
    }) as CountedImage;
  const filedImage = (trackingNumber: string) => image(trackingNumber, 1, 'SUBMITTED', 'FILE', '2026-05-01T08:00:00Z');
  const filed = (trackingNumber: string) => countedChangeOf(undefined, filedImage(trackingNumber))!;
  const notified = (trackingNumber: string) =>
    countedChangeOf(
      filedImage(trackingNumber),
      image(trackingNumber, 2, 'AWAITING_MERCHANT', 'NOTIFY_MERCHANT', '2026-05-01T08:00:01Z'),
    )!;

  it('merges a batch into one write per counter item; a status entered and left within it does not move', () => {
    const merged = mergedDeltas([filed('A'), notified('A'), filed('B')]);
    expect(merged.get('ALL|TOTAL')!.counts).toEqual({ filed: 2, status_SUBMITTED: 1, status_AWAITING_MERCHANT: 1 });
    expect(merged.get('MERCHANT#m1|MONTH#2026-05')!.counts).toEqual({ filed: 2 });
    expect([...merged.keys()].sort()).toEqual([
      'ALL|MONTH#2026-05',
      'ALL|TOTAL',
      'CATEGORY#NOT_DELIVERED|MONTH#2026-05',
      'CATEGORY#NOT_DELIVERED|TOTAL',
      'MERCHANT#m1#CATEGORY#NOT_DELIVERED|MONTH#2026-05',
      'MERCHANT#m1#CATEGORY#NOT_DELIVERED|TOTAL',
      'MERCHANT#m1|DAY#2026-05-01',
      'MERCHANT#m1|MONTH#2026-05',
      'MERCHANT#m1|TOTAL',
    ]);
  });

  it('writes a marker per change with the merged counters, and skips the changes counted before when redelivered', async () => {
    const alreadyCounted = new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
    });
    dynamo.on(TransactWriteCommand).rejectsOnce(alreadyCounted).resolves({});
    await new DynamoDbStatistics(client, 't', () => 0).record([filed('A'), filed('B')]);
    const [first, second] = dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
    expect(first!.slice(0, 2).map((item) => item.Put!.Item!.pk)).toEqual(['COUNTED#A', 'COUNTED#B']);
    // B was counted by an earlier delivery: only A is applied, once.
    expect(second!.filter((item) => item.Put).map((item) => item.Put!.Item!.pk)).toEqual(['COUNTED#A']);
    const total = second!.find((item) => item.Update?.Key?.pk === 'STATS#ALL' && item.Update.Key.sk === 'TOTAL')!
      .Update!;
    expect(Object.values(total.ExpressionAttributeValues!)).toEqual([1, 1]);
  });

  it("keeps a merchant's daily counters 70 days, and the first day they were kept, once", async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await new DynamoDbStatistics(client, 't', () => 0).record([filed('A'), notified('A')]);
    const [items] = dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems!);
    const day = items!.find((item) => item.Update?.Key?.sk === 'DAY#2026-05-01')!.Update!;
    expect(day.Key).toEqual({ pk: 'STATS#MERCHANT#m1', sk: 'DAY#2026-05-01' });
    expect(day.UpdateExpression).toMatch(/SET #ttl = if_not_exists\(#ttl, :ttl\)$/);
    expect(day.ExpressionAttributeValues![':ttl']).toBe(Date.parse('2026-05-01T00:00:00Z') / 1000 + 70 * 86_400);
    const since = items!.filter((item) => item.Update?.Key?.sk === 'DAY#SINCE');
    expect(since.map((item) => item.Update)).toEqual([
      expect.objectContaining({
        Key: { pk: 'STATS#MERCHANT#m1', sk: 'DAY#SINCE' },
        UpdateExpression: 'SET since = if_not_exists(since, :day)',
        ExpressionAttributeValues: { ':day': '2026-05-01' },
      }),
    ]);
  });
});

describe('transactions under contention', () => {
  const conflict = () =>
    new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'TransactionConflict' }],
    });

  it('retries a transaction cancelled by another one on the same item, with growing waits', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict()).rejectsOnce(conflict()).resolves({});
    const waits: number[] = [];
    await writeTransaction(client, [], { random: () => 1, wait: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([50, 100]);
  });

  it('gives up with a retryable 503 error, not a raw SDK error, when the item stays contended', async () => {
    dynamo.on(TransactWriteCommand).rejects(conflict());
    const error = await writeTransaction(client, [], { wait: async () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBe(1);
  });

  it('passes a failed condition on at once, for the caller to interpret', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'c',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    );
    await expect(writeTransaction(client, [], { wait: async () => undefined })).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});

describe('suppressed email addresses', () => {
  it('are keyed by an HMAC of the address (by a key that never leaves KMS), never by a plain hash anyone can recompute', async () => {
    const hasher = { hash: async (value: string) => `hmac(${value})` };
    const suppressions = new DynamoDbEmailSuppressions(client, 't', hasher);
    await suppressions.suppress(' Rina@Example.com ', 'BOUNCE', '2026-05-01T00:00:00Z');
    expect(await suppressions.isSuppressed('rina@example.com')).toBe(false);
    const written = dynamo.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(written.pk).toBe('SUPPRESSED#hmac(email:rina@example.com)');
    const plain = createHash('sha256').update('rina@example.com').digest('hex');
    expect(JSON.stringify(written)).not.toContain(plain);
    expect(dynamo.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({
      pk: 'SUPPRESSED#hmac(email:rina@example.com)',
      sk: 'SUPPRESSED',
    });
  });
});

describe('partitions read whole', () => {
  it("reads every page of a complaint's undeliverable messages, not only DynamoDB's first 1 MB", async () => {
    const message = (seq: number) => ({ message: { trackingNumber: 'T', seq, channel: 'sms', reason: 'r' } });
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [message(1)], LastEvaluatedKey: { pk: 'UNDELIVERABLE#T', sk: '000001#sms' } })
      .resolvesOnce({ Items: [message(2)] });
    const messages = await new DynamoDbUndeliverableMessages(client, 't').list('T');
    expect(messages.map((m) => m.seq)).toEqual([1, 2]);
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((input) => [input.ConsistentRead, input.ExclusiveStartKey])).toEqual([
      [true, undefined],
      [true, { pk: 'UNDELIVERABLE#T', sk: '000001#sms' }],
    ]);
  });
});

describe('batch writes', () => {
  const items = [
    { pk: 'DIRECTORY#MERCHANTS', sk: 'a#m' },
    { pk: 'DIRECTORY#MERCHANTS', sk: 'b#m' },
  ];
  const noWait = { wait: async () => undefined, random: () => 0 };

  it('writes again the items DynamoDB left unprocessed, until none are left', async () => {
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { t: [{ PutRequest: { Item: items[1] } }] } })
      .resolvesOnce({});
    await writeBatch(client, 't', items, noWait);
    const written = dynamo
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.t?.map((request) => request.PutRequest?.Item?.sk));
    expect(written).toEqual([['a#m', 'b#m'], ['b#m']]);
  });

  it('gives up with a retryable 503 when the table stays too busy to take them', async () => {
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: [{ PutRequest: { Item: items[0] } }] } });
    await expect(writeBatch(client, 't', items, noWait)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(transactionRetry.attempts);
  });
});

describe("replacing a merchant's grievance officer", () => {
  const profile = (name: string) => ({
    pk: 'MERCHANT#shop-one',
    sk: 'PROFILE',
    merchantId: 'shop-one',
    tradeName: 'Shop One',
    website: 'https://shop-one.example',
    grievanceOfficer: { name, designation: 'GO', phone: '+8801711000020', email: `${name}@shop-one.example` },
  });
  const officersListed = () =>
    dynamo
      .commandCalls(BatchWriteCommand)
      .map((c) => c.args[0].input.RequestItems?.t?.[0]?.PutRequest?.Item as { grievanceOfficer: { name: string } })
      .map((item) => item.grievanceOfficer.name);

  it('lists the officer the profile holds in the end, when another replacement landed in between', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: profile('first') });
    dynamo.on(BatchWriteCommand).resolves({});
    // Read again after listing: another replacement has written `second` meanwhile.
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: profile('second') })
      .resolves({ Item: profile('second') });
    const officer = profile('first').grievanceOfficer;
    const replaced = await new DynamoDbMerchantDirectory(client, 't').replaceGrievanceOfficer(
      'shop-one',
      officer,
      'now',
    );
    expect(officersListed()).toEqual(['first', 'second']);
    expect(replaced?.grievanceOfficer.name).toBe('second');
    expect(dynamo.commandCalls(GetCommand).every((c) => c.args[0].input.ConsistentRead)).toBe(true);
  });

  it('gives a retryable 503 when the profile keeps changing under it, rather than answer an officer the directory may not show', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: profile('first') });
    dynamo.on(BatchWriteCommand).resolves({});
    let n = 0;
    dynamo.on(GetCommand).callsFake(() => ({ Item: profile(`other-${n++}`) }));
    const officer = profile('first').grievanceOfficer;
    await expect(
      new DynamoDbMerchantDirectory(client, 't').replaceGrievanceOfficer('shop-one', officer, 'now'),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('answers undefined for a merchant that does not exist, writing nothing to the directory', async () => {
    dynamo
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'no such merchant', $metadata: {} }));
    const officer = profile('first').grievanceOfficer;
    expect(await new DynamoDbMerchantDirectory(client, 't').replaceGrievanceOfficer('shop-one', officer, 'now')).toBe(
      undefined,
    );
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });
});
