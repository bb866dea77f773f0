/**
 * The case access log in DynamoDB: each read is written twice in one transaction, under the case
 * and under the regulator, so the operator can ask either "who read this case" or "what did this
 * regulator read" with one query. Both items are new and unique to the read: nothing shared.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeTransaction } from './dynamodb-transactions';
import { newestFirstPage } from './dynamodb-query-all';
import { randomUUID } from 'node:crypto';
import type { CaseAccessLog, CaseRead, Page, PageRequest } from '../domain/ports';
import { tableKeyPrefixes } from './table-design';

export const accessLogKeys = {
  byCase: (trackingNumber: string) => `${tableKeyPrefixes.accessLog}CASE#${trackingNumber}`,
  byRegulator: (regulatorId: string) => `${tableKeyPrefixes.accessLog}REGULATOR#${regulatorId}`,
};

export class DynamoDbCaseAccessLog implements CaseAccessLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(read: CaseRead): Promise<void> {
    const readId = randomUUID();
    const item = (pk: string) => ({
      Put: {
        TableName: this.tableName,
        Item: { pk, sk: `${read.at}#${readId}`, read },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    await writeTransaction(this.client, [
      item(accessLogKeys.byCase(read.trackingNumber)),
      item(accessLogKeys.byRegulator(read.regulatorId)),
    ]);
  }

  byCase(trackingNumber: string, page: PageRequest) {
    return this.query(accessLogKeys.byCase(trackingNumber), page);
  }

  byRegulator(regulatorId: string, page: PageRequest) {
    return this.query(accessLogKeys.byRegulator(regulatorId), page);
  }

  private async query(pk: string, page: PageRequest): Promise<Page<CaseRead>> {
    const { items, nextCursor } = await newestFirstPage(this.client, this.tableName, pk, page);
    return { items: items.map((item) => item.read as CaseRead), nextCursor };
  }
}
