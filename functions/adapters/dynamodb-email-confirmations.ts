/**
 * Email confirmations, one item per complaint (partition EMAILCONFIRM#<tracking>), apart from the
 * complaint so that confirming changes nothing the complaint's stream would act on, and so the
 * grants name only these items. An item holds the hashes of the tokens sent, their end and the confirmation time:
 * nothing of the person.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sameHash } from '../domain/email-confirmation';
import type { EmailConfirmations } from '../domain/ports';
import { keys } from './table-design';

const keyOf = keys.emailConfirmation;

export class DynamoDbEmailConfirmations implements EmailConfirmations {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async read(trackingNumber: string) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(trackingNumber), ConsistentRead: true }),
    );
    return Item as { tokenHashes?: Set<string>; expiresAt?: string; confirmedAt?: string } | undefined;
  }

  /**
   * Adds the token's hash to those that work: a retried delivery of the filing's email may send a
   * new link after an earlier one did go out, and both must work.
   */
  async issue(trackingNumber: string, tokenHash: string, expiresAt: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(trackingNumber),
          UpdateExpression: 'ADD tokenHashes :hash SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(confirmedAt)',
          ExpressionAttributeValues: { ':hash': new Set([tokenHash]), ':expires': expiresAt },
        }),
      );
      return 'ISSUED' as const;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'ALREADY_CONFIRMED' as const;
      throw error;
    }
  }

  async isConfirmed(trackingNumber: string) {
    return (await this.read(trackingNumber))?.confirmedAt !== undefined;
  }

  async confirm(trackingNumber: string, tokenHash: string, at: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(trackingNumber),
          UpdateExpression: 'SET confirmedAt = :at',
          ConditionExpression: 'contains(tokenHashes, :hash) AND expiresAt > :at AND attribute_not_exists(confirmedAt)',
          ExpressionAttributeValues: { ':hash': tokenHash, ':at': at },
        }),
      );
      return { outcome: 'CONFIRMED' as const, confirmedAt: at };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Refused: say why from what is stored (a wrong token learns only that it is unknown).
    const stored = await this.read(trackingNumber);
    if (!stored || ![...(stored.tokenHashes ?? [])].some((known) => sameHash(known, tokenHash)))
      return { outcome: 'UNKNOWN' as const };
    if (stored.confirmedAt) return { outcome: 'ALREADY_CONFIRMED' as const, confirmedAt: stored.confirmedAt };
    return { outcome: 'EXPIRED' as const };
  }
}
