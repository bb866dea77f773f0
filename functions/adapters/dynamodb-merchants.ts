/** DynamoDB adapters for merchant and regulator profiles (onboarding writes them; filing reads them). */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MerchantSummary } from '../domain/complaint';
import { AlreadyExistsError } from '../domain/errors';
import type { Merchant, Regulator } from '../domain/merchant';
import type { MerchantRegistry, RegulatorRegistry } from '../domain/ports';
import { keys } from './table-design';

const putNew = async (client: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>, what: string) => {
  try {
    await client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new AlreadyExistsError(`${what} is already registered.`);
    throw error;
  }
};

export class DynamoDbMerchantDirectory implements MerchantRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(merchantId: string): Promise<MerchantSummary | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.merchant(merchantId) }),
    );
    return Item
      ? {
          merchantId: Item.merchantId,
          tradeName: Item.tradeName,
          active: Item.active,
          grievanceOfficerEmail: Item.grievanceOfficer?.email,
          ...(Item.grievanceOfficer && {
            grievanceOfficer: { name: Item.grievanceOfficer.name, phone: Item.grievanceOfficer.phone, email: Item.grievanceOfficer.email },
          }),
          ...(Item.district && { district: Item.district }),
          hasWebhook: Item.webhook !== undefined,
        }
      : undefined;
  }

  async create(merchant: Merchant): Promise<void> {
    await putNew(this.client, this.tableName, { ...keys.merchant(merchant.merchantId), ...merchant }, `A merchant with id "${merchant.merchantId}"`);
  }

  /** Creates or replaces a merchant profile (local seeding). */
  async put(merchant: Merchant): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.merchant(merchant.merchantId), ...merchant } }),
    );
  }
}

export class DynamoDbRegulatorRegistry implements RegulatorRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(regulator: Regulator): Promise<void> {
    const key = { pk: `REGULATOR#${regulator.regulatorId}`, sk: 'PROFILE' };
    await putNew(this.client, this.tableName, { ...key, ...regulator }, `A regulator with id "${regulator.regulatorId}"`);
  }
}
