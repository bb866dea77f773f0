/**
 * What the alert rules read and write in the table: the merchants (from the directory's one
 * whole-directory item each), a merchant's daily counters (one Query of its statistics partition),
 * and the alerts (one partition, kept once per merchant, rule and week by a conditional put).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DailyCounter, MerchantAlert, MerchantHistory } from '../domain/alerts';
import { wholeDirectoryKey } from '../domain/merchant';
import type { AlertLedger, KeptAlert, MerchantDays, MerchantIds, Page, PageRequest } from '../domain/ports';
import { dailyPeriodPrefix, dailySincePeriod } from '../domain/statistics';
import { writeTransaction } from './dynamodb-transactions';
import { keys, stripKeys, tableDesign } from './table-design';
import { newestFirstPage, queryAll } from './dynamodb-query-all';

export class DynamoDbMerchantIds implements MerchantIds {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *pages(): AsyncIterable<string[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :all)',
          ExpressionAttributeValues: { ':pk': keys.merchantDirectory, ':all': wholeDirectoryKey },
          ProjectionExpression: 'merchantId',
          ExclusiveStartKey: startKey,
        }),
      );
      yield (page.Items ?? []).map((item) => String(item.merchantId));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}

export class DynamoDbMerchantDays implements MerchantDays {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(merchantId: string, from: string, to: string): Promise<MerchantHistory> {
    // The first-day item sorts after every date: one Query reads it with the days.
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :since',
      ExpressionAttributeValues: {
        ':pk': keys.statistics(`MERCHANT#${merchantId}`, '').pk,
        ':from': `${dailyPeriodPrefix}${from}`,
        ':since': dailySincePeriod,
      },
    });
    const since = items.find((item) => item.sk === dailySincePeriod)?.since as string | undefined;
    const days = new Map(
      items
        .filter((item) => item.sk !== dailySincePeriod && String(item.sk) <= `${dailyPeriodPrefix}${to}`)
        .map(({ pk: _pk, sk, [tableDesign.timeToLiveAttribute]: _ttl, ...counts }) => [
          String(sk).slice(dailyPeriodPrefix.length),
          counts as Partial<Record<DailyCounter, number>>,
        ]),
    );
    return { days, ...(since && { since }) };
  }
}

export class DynamoDbAlerts implements AlertLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The alert, and its copy in the merchant's own list, together or not at all. */
  async raise(alert: MerchantAlert): Promise<boolean> {
    const item = { ...alert, published: false };
    try {
      await writeTransaction(this.client, [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.alert(alert.week, alert.ruleId, alert.merchantId), ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.merchantAlert(alert.week, alert.ruleId, alert.merchantId), ...item },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }

  async get(week: string, ruleId: string, merchantId: string): Promise<KeptAlert | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.alert(week, ruleId, merchantId) }),
    );
    return Item && stripKeys<KeptAlert>(Item);
  }

  async unpublished(weeks: readonly string[], before: string): Promise<KeptAlert[]> {
    const found = await Promise.all(
      weeks.map((week) =>
        queryAll(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :week)',
          FilterExpression: 'published = :no AND raisedAt < :before',
          ExpressionAttributeValues: { ':pk': keys.alerts(), ':week': `${week}#`, ':no': false, ':before': before },
        }),
      ),
    );
    return found.flat().map((item) => stripKeys<KeptAlert>(item));
  }

  async markPublished(alert: MerchantAlert): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.alert(alert.week, alert.ruleId, alert.merchantId),
        UpdateExpression: 'SET published = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':yes': true },
      }),
    );
  }

  /** All alerts (one partition), or one merchant's (its own partition), newest week first. */
  async list(page: PageRequest, merchantId?: string): Promise<Page<KeptAlert>> {
    const pk = merchantId ? keys.merchantAlerts(merchantId) : keys.alerts();
    const { items, nextCursor } = await newestFirstPage(this.client, this.tableName, pk, page);
    return { items: items.map((item) => stripKeys<KeptAlert>(item)), nextCursor };
  }
}
