/**
 * What became of each message about a complaint's timeline entry (partition SENT#<tracking>, one
 * item per entry and route: claimed before it is handed over, then its outcome), apart from the complaint's own items so the change consumer's grant
 * names only these. The items hold no personal data, only the route and its outcome, and expire a
 * month after their entry: long after the stream (24 hours) and its set-aside queue (14 days) can
 * deliver the change again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { routeKey, type MessageRoute, type SentMessages } from '../domain/ports';
import { tableDesign, tableKeyPrefixes } from './table-design';

const keptForSeconds = 30 * 24 * 3600;
/** How long a claimed message may wait for its sending to be recorded; longer, it is in doubt. */
const pendingMs = 2 * 60 * 1000;
/** An attribute of the item a failed condition returns: plain, or in DynamoDB's own form. */
const unmarshalled = (value: unknown) =>
  typeof value === 'object' && value !== null && 'S' in value ? (value as { S: string }).S : value;
const entryPrefix = (seq: number) => `${String(seq).padStart(6, '0')}#`;
const keyOf = (trackingNumber: string, seq: number, route: MessageRoute) => ({
  pk: `${tableKeyPrefixes.sentMessage}${trackingNumber}`,
  sk: `${entryPrefix(seq)}${routeKey(route)}`,
});
const expiresAt = (at: string) => Math.floor(Date.parse(at) / 1000) + keptForSeconds;

export class DynamoDbSentMessages implements SentMessages {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async settled(trackingNumber: string, seq: number): Promise<Set<string>> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: {
          ':pk': `${tableKeyPrefixes.sentMessage}${trackingNumber}`,
          ':entry': entryPrefix(seq),
        },
        ConsistentRead: true,
      }),
    );
    return new Set(
      Items.filter((item) => item.outcome !== undefined).map((item) => String(item.sk).slice(entryPrefix(seq).length)),
    );
  }

  async settle(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    outcome: 'SENT' | 'UNDELIVERABLE',
    at: string,
  ): Promise<void> {
    // Refused when settled already (by an earlier delivery of the same change): the first outcome stands.
    await this.updateUnless(trackingNumber, seq, route, {
      UpdateExpression: 'SET outcome = :outcome, #expires = :expires',
      ConditionExpression: 'attribute_not_exists(outcome)',
      ExpressionAttributeNames: { '#expires': tableDesign.timeToLiveAttribute },
      ExpressionAttributeValues: { ':outcome': outcome, ':expires': expiresAt(at) },
    });
  }

  async claim(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    at: string,
  ): Promise<'CLAIMED' | 'SETTLED' | 'HELD'> {
    const refused = await this.updateUnless(trackingNumber, seq, route, {
      UpdateExpression: 'SET claimedAt = :now, #expires = :expires',
      ConditionExpression: 'attribute_not_exists(outcome) AND attribute_not_exists(claimedAt)',
      ExpressionAttributeNames: { '#expires': tableDesign.timeToLiveAttribute },
      // When the claim was made (not the entry's time), for an operator looking into one in doubt.
      ExpressionAttributeValues: { ':now': new Date().toISOString(), ':expires': expiresAt(at) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    if (!refused) return 'CLAIMED';
    return refused.Item?.outcome !== undefined ? 'SETTLED' : 'HELD';
  }

  async release(trackingNumber: string, seq: number, route: MessageRoute): Promise<void> {
    // Refused when settled meanwhile: nothing to give back.
    await this.updateUnless(trackingNumber, seq, route, {
      UpdateExpression: 'REMOVE claimedAt',
      ConditionExpression: 'attribute_not_exists(outcome)',
    });
  }

  async reported(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    delivery: 'DELIVERED' | 'FAILED',
    at: string,
  ): Promise<'KEPT' | 'DELIVERED' | 'FAILED' | 'PENDING' | 'UNKNOWN'> {
    // Refused for a message not sent (or long expired), and for a second report: the first stands.
    const refused = await this.updateUnless(trackingNumber, seq, route, {
      UpdateExpression: 'SET delivery = :delivery, reportedAt = :at',
      ConditionExpression: 'outcome = :sent AND attribute_not_exists(delivery)',
      ExpressionAttributeValues: { ':delivery': delivery, ':at': at, ':sent': 'SENT' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    if (!refused) return 'KEPT';
    const item = refused.Item;
    const earlier = unmarshalled(item?.delivery);
    if (earlier === 'DELIVERED' || earlier === 'FAILED') return earlier;
    const claimedAt = unmarshalled(item?.claimedAt);
    if (
      item?.outcome === undefined &&
      typeof claimedAt === 'string' &&
      Date.parse(at) - Date.parse(claimedAt) < pendingMs
    )
      return 'PENDING';
    return 'UNKNOWN';
  }

  async failed(trackingNumber: string, seq: number, route: MessageRoute, at: string): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(trackingNumber, seq, route),
        UpdateExpression: 'ADD attempts :one SET #expires = :expires',
        ExpressionAttributeNames: { '#expires': tableDesign.timeToLiveAttribute },
        ExpressionAttributeValues: { ':one': 1, ':expires': expiresAt(at) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.attempts ?? 1);
  }

  /** Updates a route's item under its condition; answers the refusal when the condition failed (with the item, if asked). */
  private async updateUnless(
    trackingNumber: string,
    seq: number,
    route: MessageRoute,
    update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
  ): Promise<ConditionalCheckFailedException | undefined> {
    try {
      await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: keyOf(trackingNumber, seq, route), ...update }),
      );
      return undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return error;
      throw error;
    }
  }
}
