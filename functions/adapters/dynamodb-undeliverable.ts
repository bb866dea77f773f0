/**
 * Messages that could not be delivered, kept with their complaint (partition UNDELIVERABLE#<tracking>,
 * apart from the complaint's own items, so the stream consumer's grant names only these).
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamodb-query-all';
import type { UndeliverableMessage, UndeliverableMessages } from '../domain/ports';
import { tableKeyPrefixes } from './table-design';

const partition = (trackingNumber: string) => `${tableKeyPrefixes.undeliverable}${trackingNumber}`;

export class DynamoDbUndeliverableMessages implements UndeliverableMessages {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(message: UndeliverableMessage): Promise<void> {
    // One item per entry and channel: recording the same failure twice (a redelivered change) overwrites it.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: partition(message.trackingNumber),
          sk: `${String(message.seq).padStart(6, '0')}#${message.channel}`,
          message,
        },
      }),
    );
  }

  async list(trackingNumber: string): Promise<UndeliverableMessage[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition(trackingNumber) },
      ConsistentRead: true,
    });
    return items.map((item) => item.message as UndeliverableMessage);
  }
}
