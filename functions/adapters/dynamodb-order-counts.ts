/** Merchants' monthly order counts (binding orders:record writes under ORDERS# only): one item a month, its corrections inside it. */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ConcurrentChangeError } from '../domain/errors';
import type { OrderCount } from '../domain/order-counts';
import type { OrderCounts } from '../domain/ports';
import { keys, stripKeys } from './table-design';

export class DynamoDbOrderCounts implements OrderCounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(merchantId: string, month: string): Promise<OrderCount | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.orderCount(merchantId, month), ConsistentRead: true }),
    );
    return Item && stripKeys<OrderCount>(Item);
  }

  /** Conditional on the count it replaces (by when that was reported), or on there being none. */
  async put(merchantId: string, count: OrderCount, replacing?: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.orderCount(merchantId, count.month), ...count },
          ...(replacing
            ? { ConditionExpression: 'reportedAt = :replacing', ExpressionAttributeValues: { ':replacing': replacing } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChangeError(merchantId);
      throw error;
    }
  }

  async list(merchantId: string, from: string, to: string): Promise<OrderCount[]> {
    const { pk } = keys.orderCount(merchantId, from);
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        // The panel lists right after a report: it shows that report.
        ConsistentRead: true,
        ExpressionAttributeValues: { ':pk': pk, ':from': `MONTH#${from}`, ':to': `MONTH#${to}` },
      }),
    );
    return (Items ?? []).map((item) => stripKeys<OrderCount>(item));
  }
}
