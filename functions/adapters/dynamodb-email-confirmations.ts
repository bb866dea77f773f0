/**
 * Email confirmations, one item per complaint (partition EMAILCONFIRM#<tracking>), apart from the
 * complaint so that confirming changes nothing the complaint's stream would act on, and so the
 * grants name only these items. An item holds a token's hash, its end and the confirmation time:
 * nothing of the person.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sameHash } from '../domain/email-confirmation';
import type { EmailConfirmations } from '../domain/ports';
import { tableKeyPrefixes } from './table-design';

const keyOf = (trackingNumber: string) => ({
  pk: `${tableKeyPrefixes.emailConfirmation}${trackingNumber}`,
  sk: 'EMAIL',
});

export class DynamoDbEmailConfirmations implements EmailConfirmations {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async read(trackingNumber: string) {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(trackingNumber), ConsistentRead: true }),
    );
    return Item as { tokenHash?: string; expiresAt?: string; confirmedAt?: string } | undefined;
  }

  async issue(trackingNumber: string, tokenHash: string, expiresAt: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(trackingNumber),
          UpdateExpression: 'SET tokenHash = :hash, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(confirmedAt)',
          ExpressionAttributeValues: { ':hash': tokenHash, ':expires': expiresAt },
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
          ConditionExpression: 'tokenHash = :hash AND expiresAt > :at AND attribute_not_exists(confirmedAt)',
          ExpressionAttributeValues: { ':hash': tokenHash, ':at': at },
        }),
      );
      return { outcome: 'CONFIRMED' as const, confirmedAt: at };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Refused: say why from what is stored (a wrong token learns only that it is unknown).
    const stored = await this.read(trackingNumber);
    if (!stored?.tokenHash || !sameHash(stored.tokenHash, tokenHash)) return { outcome: 'UNKNOWN' as const };
    if (stored.confirmedAt) return { outcome: 'ALREADY_CONFIRMED' as const, confirmedAt: stored.confirmedAt };
    return { outcome: 'EXPIRED' as const };
  }
}
