/**
 * What an erasure deletes besides the complaint's own items and its evidence (its undeliverable
 * messages, its email confirmation), and the erasure log: ERASURE#COMPLAINT#<tracking> for each
 * complaint erased, ERASURE#CONSUMER#<pseudonym> for each consumer's request. The log names no one:
 * a tracking number, a pseudonym, when and why. DynamoDB removes each entry (TTL) the stage's
 * complaint retention after the erasure, as it does the access log.
 */
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './dynamodb-query-all';
import type { ErasureLogEntry, ErasureRecords } from '../domain/ports';
import { expiresDaysAfter, keys, tableDesign, tableKeyPrefixes } from './table-design';

export class DynamoDbErasureRecords implements ErasureRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Days an entry stays in the log. */
    private readonly keptDays: number,
  ) {}

  async deleteComplaintTraces(trackingNumber: string): Promise<void> {
    for (const pk of [
      `${tableKeyPrefixes.undeliverable}${trackingNumber}`,
      keys.emailConfirmation(trackingNumber).pk,
    ]) {
      const items = await queryAll(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      });
      for (const item of items)
        await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
  }

  async log(entry: ErasureLogEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.erasure(entry),
          entry,
          [tableDesign.timeToLiveAttribute]: expiresDaysAfter(entry.at, this.keptDays),
        },
      }),
    );
  }
}
