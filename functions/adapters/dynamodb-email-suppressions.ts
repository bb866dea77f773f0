/**
 * Email addresses that bounced for good or complained (partition SUPPRESSED#<SHA-256 of the
 * address>): the address itself is not stored, only that it must not be written to again.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import type { EmailSuppressions } from '../domain/ports';
import { tableKeyPrefixes } from './table-design';

const keyOf = (address: string) => ({
  pk: `${tableKeyPrefixes.suppressedEmail}${createHash('sha256').update(address.trim().toLowerCase()).digest('hex')}`,
  sk: 'SUPPRESSED',
});

export class DynamoDbEmailSuppressions implements EmailSuppressions {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isSuppressed(address: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(address), ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  async suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT', at: string): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...keyOf(address), reason, at } }));
  }
}
