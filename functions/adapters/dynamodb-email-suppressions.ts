/**
 * Email addresses that bounced for good or complained (partition SUPPRESSED#<keyed hash of the
 * address>): the address itself is not stored, only that it must not be written to again. The hash
 * is an HMAC by a KMS key that never leaves KMS, so the table cannot be matched against a list of
 * addresses offline (a plain SHA-256 could be).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmailSuppressions, KeyedHasher } from '../domain/ports';
import { tableKeyPrefixes } from './table-design';

export class DynamoDbEmailSuppressions implements EmailSuppressions {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly hasher: KeyedHasher,
  ) {}

  /** The item of an address; the hash's input is prefixed, so it never equals a document number's under the same key. */
  private async keyOf(address: string) {
    const hash = await this.hasher.hash(`email:${address.trim().toLowerCase()}`);
    return { pk: `${tableKeyPrefixes.suppressedEmail}${hash}`, sk: 'SUPPRESSED' };
  }

  async isSuppressed(address: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: await this.keyOf(address), ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  async suppress(address: string, reason: 'BOUNCE' | 'COMPLAINT', at: string): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...(await this.keyOf(address)), reason, at } }),
    );
  }
}
