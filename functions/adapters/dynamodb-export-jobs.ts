/** Export jobs in the table: one item per job under EXPORT#, removed by TTL a week after it was asked for. */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { exportLimits, type ExportJob } from '../domain/exports';
import type { ExportJobs } from '../domain/ports';
import { expiresDaysAfter, keys, tableDesign } from './table-design';

export class DynamoDbExportJobs implements ExportJobs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: ExportJob): Promise<void> {
    const expiresAt = expiresDaysAfter(job.requestedAt, exportLimits.keepDays);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.exportJob(job.exportId), ...job, [tableDesign.timeToLiveAttribute]: expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(exportId: string): Promise<ExportJob | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.exportJob(exportId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, [tableDesign.timeToLiveAttribute]: _expires, ...job } = Item;
    return job as ExportJob;
  }

  async update(exportId: string, changes: Partial<ExportJob>): Promise<void> {
    const names = Object.keys(changes).filter((name) => changes[name as keyof ExportJob] !== undefined);
    if (names.length === 0) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.exportJob(exportId),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(
          names.map((name, i) => [`:v${i}`, changes[name as keyof ExportJob]]),
        ),
        // A job that is gone (expired) is not brought back by a late update.
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }
}
