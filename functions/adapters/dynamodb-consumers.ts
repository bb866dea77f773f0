/**
 * DynamoDB adapter for consumer profiles (identity verification state), keyed by consumer id, and
 * the daily identity-check allowance: one counter item per consumer and Dhaka day, taken with a
 * conditional ADD before the register is asked, so parallel requests cannot exceed it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { VerifiedIdentity } from '../domain/identity';
import type { ConsumerProfile, ConsumerProfiles, MessagePreferences } from '../domain/ports';
import { tableDesign } from './table-design';

export const consumerKey = (consumerId: string) => ({ pk: `CONSUMER#${consumerId}`, sk: 'PROFILE' });
const identityChecksKey = (consumerId: string, day: string) => ({
  pk: `CONSUMER#${consumerId}`,
  sk: `IDENTITY-CHECKS#${day}`,
});
/** The consumer's message preference, an item of its own: storing the identity replaces the profile item whole. */
const preferencesKey = (consumerId: string) => ({ pk: `CONSUMER#${consumerId}`, sk: 'MESSAGES' });
const TWO_DAYS_S = 2 * 86_400;

export class DynamoDbConsumerProfiles implements ConsumerProfiles {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(consumerId: string): Promise<ConsumerProfile | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: consumerKey(consumerId), ConsistentRead: true }),
    );
    return Item?.profile as ConsumerProfile | undefined;
  }

  async reserveIdentityCheck(consumerId: string, day: string, limit: number): Promise<number | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: identityChecksKey(consumerId, day),
          UpdateExpression: 'ADD checks :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(checks) OR checks < :limit',
          ExpressionAttributeNames: { '#ttl': tableDesign.timeToLiveAttribute },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':ttl': Math.ceil(Date.parse(`${day}T00:00:00Z`) / 1000) + TWO_DAYS_S,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Attributes?.checks as number;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async releaseIdentityCheck(consumerId: string, day: string): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: identityChecksKey(consumerId, day),
          UpdateExpression: 'ADD checks :minusOne',
          ConditionExpression: 'checks > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async storeIdentity(consumerId: string, identity: VerifiedIdentity): Promise<VerifiedIdentity> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...consumerKey(consumerId), profile: { consumerId, identity } },
          // Never replace an identity already verified (a parallel check may have stored it first).
          ConditionExpression: 'attribute_not_exists(#profile.#identity)',
          ExpressionAttributeNames: { '#profile': 'profile', '#identity': 'identity' },
        }),
      );
      return identity;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(consumerId))!.identity!;
    }
  }

  async erase(consumerId: string): Promise<number> {
    // The verified identity and the message preference: the day's identity-check counters stay until
    // their TTL, so an erasure cannot give a phone more checks of the national register than the day allows.
    let erased = 0;
    for (const Key of [consumerKey(consumerId), preferencesKey(consumerId)]) {
      const { Attributes } = await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key, ReturnValues: 'ALL_OLD' }),
      );
      if (Attributes) erased++;
    }
    return erased;
  }
}

export class DynamoDbMessagePreferences implements MessagePreferences {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async stopsNonEssential(consumerId: string) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: preferencesKey(consumerId), ConsistentRead: true }),
    );
    return Item?.stopNonEssential === true;
  }

  async set(consumerId: string, stopNonEssential: boolean, at: string) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...preferencesKey(consumerId), stopNonEssential, changedAt: at },
      }),
    );
  }
}
