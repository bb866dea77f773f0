/** DynamoDB adapters for merchant and regulator profiles (onboarding writes them; filing reads them). */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { MerchantSummary } from '../domain/complaint';
import { AlreadyExistsError, ServiceUnavailableError } from '../domain/errors';
import {
  directoryPrefix,
  isMerchantId,
  nameSearchKeys,
  searchableName,
  wholeDirectoryKey,
  type GrievanceOfficer,
  type Merchant,
  type Regulator,
} from '../domain/merchant';
import type {
  ListedMerchant,
  MerchantRegistry,
  MerchantSearch,
  Page,
  PageRequest,
  RegulatorRegistry,
} from '../domain/ports';
import { writeBatch } from './dynamodb-transactions';
import { decodeCursor, encodeCursor } from './page-cursors';
import { keys, stripKeys } from './table-design';

const putNew = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
  what: string,
) => {
  try {
    await client.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new AlreadyExistsError(`${what} is already registered.`);
    throw error;
  }
};

const sameOfficer = (a: GrievanceOfficer, b: GrievanceOfficer) =>
  a.name === b.name && a.designation === b.designation && a.phone === b.phone && a.email === b.email;

export class DynamoDbMerchantDirectory implements MerchantRegistry, MerchantSearch {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(merchantId: string): Promise<MerchantSummary | undefined> {
    if (!isMerchantId(merchantId)) return undefined;
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
            grievanceOfficer: {
              name: Item.grievanceOfficer.name,
              phone: Item.grievanceOfficer.phone,
              email: Item.grievanceOfficer.email,
            },
          }),
          ...(Item.district && { district: Item.district }),
          hasWebhook: Item.webhook !== undefined,
        }
      : undefined;
  }

  async create(merchant: Merchant): Promise<void> {
    await putNew(
      this.client,
      this.tableName,
      { ...keys.merchant(merchant.merchantId), ...merchant },
      `A merchant with id "${merchant.merchantId}"`,
    );
    await this.list(merchant);
  }

  /** Creates or replaces a merchant profile (local seeding). */
  async put(merchant: Merchant): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.merchant(merchant.merchantId), ...merchant } }),
    );
    await this.list(merchant);
  }

  async replaceGrievanceOfficer(merchantId: string, officer: GrievanceOfficer, at: string) {
    if (!isMerchantId(merchantId)) return undefined;
    let merchant: Merchant;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.merchant(merchantId),
          UpdateExpression: 'SET grievanceOfficer = :officer, grievanceOfficerReplacedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':officer': officer, ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      merchant = stripKeys<Merchant>(Attributes!);
      // Returned as it is stored: the directory below is written from what the profile now holds.
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
    // The directory's entries are keyed by the name alone: rewriting them replaces the officer there
    // too. Two replacements at once could leave the directory with the earlier one's officer, so each
    // reads the profile again after writing and writes the directory anew until the two agree.
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.list(merchant);
      const latest = await this.profile(merchantId);
      if (!latest || sameOfficer(latest.grievanceOfficer, merchant.grievanceOfficer)) return merchant;
      merchant = latest;
    }
    // Still changing under it: the caller asks again, and that replacement lists what the profile holds.
    throw new ServiceUnavailableError('The merchant is being changed by another request. Please try again.', 1);
  }

  private async profile(merchantId: string): Promise<Merchant | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.merchant(merchantId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return stripKeys<Merchant>(Item);
  }

  /**
   * Lists the merchant in the public directory under each search key of its name. Written after
   * the profile: a failure leaves a merchant not yet findable by name, and onboarding again lists it.
   */
  private async list(merchant: Merchant): Promise<void> {
    const { name, phone, email } = merchant.grievanceOfficer;
    const entry = {
      merchantId: merchant.merchantId,
      tradeName: merchant.tradeName,
      website: merchant.website,
      grievanceOfficer: { name, phone, email },
    };
    await writeBatch(
      this.client,
      this.tableName,
      [...nameSearchKeys(merchant.tradeName), `${wholeDirectoryKey}${searchableName(merchant.tradeName)}`].map(
        (searchKey) => ({ ...keys.merchantName(searchKey, merchant.merchantId), ...entry }),
      ),
    );
  }

  /** Merchants whose name (or a later word of it) starts with `query`, in name order. */
  async search(query: string, page: PageRequest): Promise<Page<ListedMerchant>> {
    const prefix = directoryPrefix(query);
    // NFKC can make a short query long (U+FDFA is 18 letters): past a sort key's 1,024 bytes no name
    // starts with it, and DynamoDB would refuse it as a key (a 500).
    if (Buffer.byteLength(prefix, 'utf8') > 1024) return { items: [] };
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.merchantDirectory, ':prefix': prefix },
        Limit: page.limit,
        // A cursor from another search lies outside this one's keys, which DynamoDB refuses: refuse it first, as bad input.
        ExclusiveStartKey: page.cursor
          ? decodeCursor(
              page.cursor,
              ['pk', 'sk'],
              (key) => key.pk === keys.merchantDirectory && (key.sk ?? '').startsWith(prefix),
            )
          : undefined,
      }),
    );
    const seen = new Set<string>();
    const items = (result.Items ?? []).flatMap(({ merchantId, tradeName, website, grievanceOfficer }) => {
      if (seen.has(merchantId)) return [];
      seen.add(merchantId);
      return [{ merchantId, tradeName, website, grievanceOfficer } as ListedMerchant];
    });
    return { items, nextCursor: encodeCursor(result.LastEvaluatedKey) };
  }
}

export class DynamoDbRegulatorRegistry implements RegulatorRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(regulator: Regulator): Promise<void> {
    const key = { pk: `REGULATOR#${regulator.regulatorId}`, sk: 'PROFILE' };
    await putNew(
      this.client,
      this.tableName,
      { ...key, ...regulator },
      `A regulator with id "${regulator.regulatorId}"`,
    );
  }
}
