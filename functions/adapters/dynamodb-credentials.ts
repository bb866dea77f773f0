/**
 * Credentials in DynamoDB: one item per access key, and one per principal counting its active
 * keys, changed together in a transaction so two concurrent requests cannot make a third key.
 * Replay protection remembers signatures of state-changing requests until they would expire anyway.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, writeTransaction } from './dynamodb-transactions';
import { credentialRules, principalKey, type StoredCredential } from '../domain/credentials';
import { UnauthenticatedError } from '../domain/errors';
import { TooManyKeysError, type CredentialStore, type ReplayGuard } from '../domain/ports';
import { tableDesign, tableKeyPrefixes } from './table-design';

export const credentialKeys = {
  credential: (accessKeyId: string) => ({ pk: `CREDENTIAL#${accessKeyId}`, sk: 'CREDENTIAL' }),
  principal: (key: string) => ({ pk: `PRINCIPAL#${key}`, sk: 'KEYS' }),
  replay: (signature: string) => ({ pk: `${tableKeyPrefixes.replay}${signature}`, sk: 'SEEN' }),
};

export class DynamoDbCredentialStore implements CredentialStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(accessKeyId: string): Promise<StoredCredential | undefined> {
    // Strongly consistent: a revoked key must stop at once, a new one work at once.
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: credentialKeys.credential(accessKeyId), ConsistentRead: true }),
    );
    return Item?.credential as StoredCredential | undefined;
  }

  async create(credential: StoredCredential): Promise<void> {
    try {
      await writeTransaction(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...credentialKeys.credential(credential.accessKeyId), credential },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: credentialKeys.principal(principalKey(credential.principal)),
            UpdateExpression: 'ADD activeKeys :one',
            ConditionExpression: 'attribute_not_exists(activeKeys) OR activeKeys < :max',
            ExpressionAttributeValues: { ':one': 1, ':max': credentialRules.maxActiveKeys },
          },
        },
      ]);
    } catch (error) {
      if (isConditionFailure(error, 1)) {
        throw new TooManyKeysError();
      }
      throw error;
    }
  }

  async revoke(accessKeyId: string, at: Date): Promise<boolean> {
    const credential = await this.get(accessKeyId);
    if (credential?.status !== 'ACTIVE') return false;
    try {
      await writeTransaction(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...credentialKeys.credential(accessKeyId),
              credential: { ...credential, status: 'REVOKED', revokedAt: at.toISOString() },
            },
            ConditionExpression: 'credential.#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': 'ACTIVE' },
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: credentialKeys.principal(principalKey(credential.principal)),
            UpdateExpression: 'ADD activeKeys :minusOne',
            ExpressionAttributeValues: { ':minusOne': -1 },
          },
        },
      ]);
      return true;
    } catch (error) {
      // Revoked meanwhile by someone else.
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }
}

export class DynamoDbReplayGuard implements ReplayGuard {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async remember(signature: string, until: Date): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...credentialKeys.replay(signature),
            [tableDesign.timeToLiveAttribute]: Math.ceil(until.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new UnauthenticatedError('This signed request was already received; sign each request anew.');
      }
      throw error;
    }
  }
}
