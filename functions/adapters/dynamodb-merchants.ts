/** DynamoDB adapter for merchant profiles (onboarding writes them; filing reads them). */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MerchantSummary } from '../domain/complaint';
import type { Merchant } from '../domain/merchant';
import type { MerchantDirectory } from '../domain/ports';
import { keys } from './table-design';

export class DynamoDbMerchantDirectory implements MerchantDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(merchantId: string): Promise<MerchantSummary | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.merchant(merchantId) }),
    );
    return Item ? { merchantId: Item.merchantId, tradeName: Item.tradeName, active: Item.active } : undefined;
  }

  /** Creates or replaces a merchant profile. */
  async put(merchant: Merchant): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.merchant(merchant.merchantId), ...merchant } }),
    );
  }
}
