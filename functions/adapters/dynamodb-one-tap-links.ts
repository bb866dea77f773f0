/**
 * One-tap links (functions/domain/one-tap.ts), one item each under ONETAP#<code hash>: what the code
 * opens and whether it was used, nothing of the person. The table's TTL takes an item a week after
 * its window ends.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { oneTapKeptAfterMs, type OneTapAction, type OneTapLink } from '../domain/one-tap';
import type { OneTapLinks } from '../domain/ports';
import { keys, tableDesign } from './table-design';

const keyOf = keys.oneTapLink;
const ttl = tableDesign.timeToLiveAttribute;

export class DynamoDbOneTapLinks implements OneTapLinks {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async issue(link: OneTapLink) {
    const { codeHash, expiresAt, ...rest } = link;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keyOf(codeHash),
          ...rest,
          // The table's TTL attribute is a number of seconds; the window's end is kept with its
          // milliseconds, so it compares as a string with the times it is checked at.
          windowEndsAt: new Date(expiresAt).toISOString(),
          [ttl]: Math.ceil((Date.parse(expiresAt) + oneTapKeptAfterMs) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(codeHash: string): Promise<OneTapLink | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(codeHash), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, [ttl]: _ttl, windowEndsAt, ...rest } = Item;
    return { ...(rest as Omit<OneTapLink, 'codeHash' | 'expiresAt'>), codeHash, expiresAt: windowEndsAt as string };
  }

  async take(codeHash: string, action: OneTapAction, at: string, staleClaim?: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(codeHash),
          UpdateExpression: 'SET usedAt = :at, usedFor = :action',
          ConditionExpression: `attribute_exists(pk) AND ${staleClaim ? 'usedAt = :stale AND attribute_not_exists(actedAt)' : 'attribute_not_exists(usedAt)'} AND windowEndsAt > :at`,
          ExpressionAttributeValues: {
            ':at': new Date(at).toISOString(),
            ':action': action,
            ...(staleClaim && { ':stale': staleClaim }),
          },
        }),
      );
      return 'TAKEN' as const;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const stored = await this.get(codeHash);
    return !stored ? ('UNKNOWN' as const) : stored.usedAt ? ('USED' as const) : ('EXPIRED' as const);
  }

  async acted(codeHash: string, takenAt: string, actedAt: string) {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keyOf(codeHash),
        UpdateExpression: 'SET actedAt = :acted',
        ConditionExpression: 'usedAt = :taken',
        ExpressionAttributeValues: { ':taken': new Date(takenAt).toISOString(), ':acted': actedAt },
      }),
    );
  }

  async giveBack(codeHash: string, at: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(codeHash),
          UpdateExpression: 'REMOVE usedAt, usedFor',
          ConditionExpression: 'usedAt = :at',
          ExpressionAttributeValues: { ':at': new Date(at).toISOString() },
        }),
      );
    } catch (error) {
      // Another tap's since: it is theirs now.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
