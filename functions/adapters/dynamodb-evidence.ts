/**
 * Evidence records, in the partition EVIDENCE#<tracking number>: one FILE# item per attachment and
 * one SLOTS# counter per party. A slot is taken in the same transaction that stores the attachment,
 * conditional on the counter being under the limit, so racing requests cannot exceed it; a rejected,
 * expired or quarantined attachment gives its slot back in the transaction that marks it.
 */
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Attachment, CheckOutcome } from '../domain/evidence';
import { threatsFound, uploadAfterCheck } from '../domain/evidence';
import { EvidenceLimitError, type EvidenceStore } from '../domain/ports';
import { isConditionFailure, writeTransaction, type TransactItem } from './dynamodb-transactions';
import { queryAll } from './dynamodb-query-all';
import { keys } from './table-design';

export class DynamoDbEvidenceStore implements EvidenceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(attachment: Attachment, limits: { files: number; records: number }): Promise<void> {
    try {
      await writeTransaction(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.evidenceSlots(attachment.trackingNumber, attachment.uploadedBy),
            // `used`: slots in use now; `asked`: files ever asked for (never given back).
            UpdateExpression: 'ADD used :one, asked :one',
            ConditionExpression:
              '(attribute_not_exists(used) OR used < :max) AND (attribute_not_exists(asked) OR asked < :maxAsked)',
            ExpressionAttributeValues: { ':one': 1, ':max': limits.files, ':maxAsked': limits.records },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.evidenceFile(attachment.trackingNumber, attachment.attachmentId), ...attachment },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (error) {
      if (isConditionFailure(error, 0)) {
        const asked = askedOf((error as TransactionCanceledException).CancellationReasons?.[0]?.Item);
        throw asked >= limits.records
          ? new EvidenceLimitError(
              `${attachment.uploadedBy} has asked for ${asked} files on ${attachment.trackingNumber}`,
              'records',
            )
          : new EvidenceLimitError(
              `${attachment.uploadedBy} has no free evidence slot on ${attachment.trackingNumber}`,
            );
      }
      throw error;
    }
  }

  async get(trackingNumber: string, attachmentId: string): Promise<Attachment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.evidenceFile(trackingNumber, attachmentId),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys(Item) : undefined;
  }

  async list(trackingNumber: string): Promise<Attachment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :files)',
      ExpressionAttributeValues: {
        ':pk': keys.evidenceFile(trackingNumber, '').pk,
        ':files': keys.evidenceFilePrefix,
      },
      ConsistentRead: true,
    });
    return items
      .map(withoutKeys)
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.attachmentId.localeCompare(b.attachmentId));
  }

  async recordCheck(attachment: Attachment, outcome: CheckOutcome, at: Date): Promise<boolean> {
    const checkedAt = at.toISOString();
    const update =
      outcome.status === 'VERIFIED'
        ? this.mark(attachment, 'PENDING', {
            status: 'VERIFIED',
            size: outcome.size,
            sha256: outcome.sha256,
            checkedAt,
            ...(outcome.versionId !== undefined && { versionId: outcome.versionId }),
          })
        : this.mark(attachment, 'PENDING', {
            status: 'REJECTED',
            checkedAt,
            rejection: { code: outcome.code, message: outcome.message },
          });
    return this.changeOnce(outcome.status === 'VERIFIED' ? [update] : [update, this.freeSlot(attachment)]);
  }

  async rejectReplaced(attachment: Attachment, at: Date): Promise<void> {
    await this.changeOnce([
      this.mark(attachment, 'VERIFIED', {
        status: 'REJECTED',
        checkedAt: at.toISOString(),
        rejection: { ...uploadAfterCheck },
      }),
      this.freeSlot(attachment),
    ]);
  }

  async expire(attachment: Attachment, at: Date): Promise<boolean> {
    return this.changeOnce([
      this.mark(attachment, 'PENDING', { status: 'EXPIRED', checkedAt: at.toISOString() }),
      this.freeSlot(attachment),
    ]);
  }

  async quarantine(attachment: Attachment, at: Date): Promise<boolean> {
    if (attachment.status !== 'PENDING' && attachment.status !== 'VERIFIED') return false;
    return this.changeOnce([
      this.mark(attachment, attachment.status, {
        status: 'QUARANTINED',
        checkedAt: at.toISOString(),
        rejection: { ...threatsFound },
      }),
      this.freeSlot(attachment),
    ]);
  }

  async erase(attachment: Attachment): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.evidenceFile(attachment.trackingNumber, attachment.attachmentId),
        UpdateExpression: 'SET fileName = :name, erasedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':name': attachment.fileName, ':at': attachment.erasedAt },
      }),
    );
  }

  /** Applies the items if the attachment is still in the status they expect; false if it moved on meanwhile. */
  private async changeOnce(items: TransactItem[]): Promise<boolean> {
    try {
      await writeTransaction(this.client, items);
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  private mark(attachment: Attachment, from: Attachment['status'], values: Partial<Attachment>): TransactItem {
    const names = Object.keys(values);
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.evidenceFile(attachment.trackingNumber, attachment.attachmentId),
        UpdateExpression: `SET ${names.map((_name, i) => `#n${i} = :v${i}`).join(', ')}`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':from': from,
          ...Object.fromEntries(names.map((name, i) => [`:v${i}`, values[name as keyof Attachment]])),
        },
      },
    };
  }

  private freeSlot(attachment: Attachment): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.evidenceSlots(attachment.trackingNumber, attachment.uploadedBy),
        UpdateExpression: 'ADD used :minusOne',
        ConditionExpression: 'used > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      },
    };
  }
}

const withoutKeys = (item: Record<string, unknown>): Attachment => {
  const { pk: _pk, sk: _sk, ...attachment } = item;
  return attachment as unknown as Attachment;
};

/** The `asked` count of a slots item a cancelled transaction returned (marshalled, as the low-level reasons carry it). */
const askedOf = (item: Record<string, unknown> | undefined) => {
  const asked = item?.asked as { N?: string } | number | undefined;
  return Number(typeof asked === 'object' ? asked.N : (asked ?? 0));
};
