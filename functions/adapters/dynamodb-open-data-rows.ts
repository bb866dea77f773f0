/**
 * The open-data rows of a month, read from the index that holds them alone (openDataByMonth): one
 * page (at most 1 MB) at a time, shard after shard, so the builder holds one page in memory.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OpenDataRow } from '../domain/open-data';
import type { OpenDataRows } from '../domain/ports';
import { openDataPartition, openDataShards, tableDesign } from './table-design';

const index = tableDesign.indexes.openDataByMonth;

export class DynamoDbOpenDataRows implements OpenDataRows {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *rowsOf(month: string): AsyncIterable<OpenDataRow> {
    for (let shard = 0; shard < openDataShards; shard++) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'openDataByMonth',
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#row': 'openData' },
            ExpressionAttributeValues: { ':pk': openDataPartition(month, shard) },
            ProjectionExpression: '#row',
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) yield item.openData as OpenDataRow;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }
}
