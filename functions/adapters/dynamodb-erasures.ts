/**
 * What an erasure deletes besides the complaint's own items and its evidence (its undeliverable
 * messages, its email confirmation), and the erasure log: ERASURE#COMPLAINT#<tracking> for each
 * complaint erased, ERASURE#CONSUMER#<pseudonym> for each consumer's request. The log names no one:
 * a tracking number, a pseudonym, when and why. DynamoDB removes each entry (TTL) the stage's
 * complaint retention after the erasure, and the regulators' reads of the complaint in the access
 * log (kept without expiry while the complaint's data was) as long after it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessLogKeys } from './dynamodb-access-log';
import { queryAll } from './dynamodb-query-all';
import type { CaseRead, ErasureLogEntry, ErasureRecords } from '../domain/ports';
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
      // What became of its messages: gone, a provider's late report finds nothing to keep.
      `${tableKeyPrefixes.sentMessage}${trackingNumber}`,
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

  async expireReads(trackingNumber: string, erasedAt: string): Promise<void> {
    const expiresAt = expiresDaysAfter(erasedAt, this.keptDays);
    const reads = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': accessLogKeys.byCase(trackingNumber) },
      ConsistentRead: true,
    });
    for (const item of reads) {
      const { regulatorId } = item.read as CaseRead;
      // Each read is kept twice, with the same sort key: under the case and under its regulator.
      for (const pk of [item.pk as string, accessLogKeys.byRegulator(regulatorId)])
        await this.client
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk, sk: item.sk },
              UpdateExpression: 'SET #expires = :at',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#expires': tableDesign.timeToLiveAttribute },
              ExpressionAttributeValues: { ':at': expiresAt },
            }),
          )
          .catch((error: unknown) => {
            // Removed already (an earlier expiry ran out): nothing to end.
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
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
