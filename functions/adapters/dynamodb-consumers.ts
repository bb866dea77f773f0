/** DynamoDB adapter for consumer profiles (identity verification state), keyed by consumer id. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsumerProfile, ConsumerProfiles } from '../domain/ports';

export const consumerKey = (consumerId: string) => ({ pk: `CONSUMER#${consumerId}`, sk: 'PROFILE' });

export class DynamoDbConsumerProfiles implements ConsumerProfiles {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(consumerId: string): Promise<ConsumerProfile | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: consumerKey(consumerId), ConsistentRead: true }));
    return Item?.profile as ConsumerProfile | undefined;
  }

  async put(profile: ConsumerProfile): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...consumerKey(profile.consumerId), profile } }));
  }
}
