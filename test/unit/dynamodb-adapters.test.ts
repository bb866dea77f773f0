/**
 * What the DynamoDB adapters ask of DynamoDB where DynamoDB Local cannot show the difference:
 * it always reads consistently, so only the request can prove a read is strongly consistent.
 */
import { GetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbComplaintRepository } from '../../functions/adapters/dynamodb-complaints';
import { DynamoDbCredentialStore } from '../../functions/adapters/dynamodb-credentials';
import { DynamoDbSessionStore } from '../../functions/adapters/dynamodb-identity';
import { InvalidRequestError } from '../../functions/domain/errors';

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
  const ownKey = { pk: 'COMPLAINT#AAAAA-BBBBB', sk: 'COMPLAINT', gsi1pk: 'MERCHANT#m1#AWAITING_MERCHANT', gsi1sk: '2026-05-01T00:00:00.000Z#AAAAA-BBBBB' };

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
  ])('refuses a cursor with %s before DynamoDB sees it', async (_what, bad) => {
    await expect(repository.listByMerchant('m1', 'AWAITING_MERCHANT', { limit: 10, cursor: bad })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
