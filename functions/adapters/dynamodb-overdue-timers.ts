/**
 * Complaints whose current timer is overdue, from the timersDue index (one partition per UTC day of
 * the due time, sorted by due time). A timer that fired has been replaced or dropped, so what is
 * listed here well past its due time has no execution that will fire it.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OverdueTimers } from '../domain/ports';
import { timersDuePartition } from './dynamodb-complaints';
import { tableDesign } from './table-design';

const dayMs = 24 * 3600 * 1000;

export class DynamoDbOverdueTimers implements OverdueTimers {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(window: { from: Date; to: Date }, limit: number): Promise<{ trackingNumber: string; dueAt: string }[]> {
    const index = tableDesign.indexes.timersDue;
    const found: { trackingNumber: string; dueAt: string }[] = [];
    // Day by day, oldest first, each day's timers in due order up to the window's end.
    for (let day = Date.parse(window.from.toISOString().slice(0, 10)); day <= window.to.getTime(); day += dayMs) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'timersDue',
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, '#timer': 'timer' },
            ExpressionAttributeValues: {
              ':pk': timersDuePartition(new Date(day).toISOString()),
              ':from': window.from.toISOString(),
              // '#' sorts before every tracking number: the sort keys are `<dueAt>#<trackingNumber>`.
              ':to': `${window.to.toISOString()}~`,
            },
            ProjectionExpression: 'trackingNumber, #timer',
            Limit: Math.min(limit - found.length, 1000),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? [])
          found.push({ trackingNumber: item.trackingNumber as string, dueAt: (item.timer as { dueAt: string }).dueAt });
        startKey = page.LastEvaluatedKey;
        if (found.length >= limit) return found;
      } while (startKey);
    }
    return found;
  }
}
