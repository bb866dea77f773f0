/**
 * DynamoDB adapters for phone verification: one-time codes, per-source request counters and
 * consumer sessions. Every item carries `expiresAt` (epoch seconds) so the table's TTL removes it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError, RateLimitedError } from '../domain/errors';
import type { OtpRecord } from '../domain/otp';
import type { OtpStore, SessionStore, SourceRateLimiter } from '../domain/ports';
import type { ConsumerSession } from '../domain/session';
import { tableDesign } from './table-design';

const ttl = tableDesign.timeToLiveAttribute;
const epochSeconds = (ms: number) => Math.ceil(ms / 1000);
const HOUR_MS = 3_600_000;

export const identityKeys = {
  otp: (phone: string) => ({ pk: `OTP#${phone}`, sk: 'CODE' }),
  sourceQuota: (source: string, hour: string) => ({ pk: `RATE#OTP#${source}`, sk: `HOUR#${hour}` }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
};

export class DynamoDbOtpStore implements OtpStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(phone: string): Promise<OtpRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: identityKeys.otp(phone), ConsistentRead: true }),
    );
    return Item?.otp as OtpRecord | undefined;
  }

  async put(record: OtpRecord, previous: OtpRecord | undefined): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // Kept until its hour window ends, so the per-phone limit still sees it.
          Item: {
            ...identityKeys.otp(record.phone),
            otp: record,
            [ttl]: epochSeconds(Date.parse(record.windowStart) + HOUR_MS),
          },
          ...(previous
            ? {
                ConditionExpression: 'otp.sentAt = :sentAt AND otp.attempts = :attempts',
                ExpressionAttributeValues: { ':sentAt': previous.sentAt, ':attempts': previous.attempts },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChangeError(record.phone);
      throw error;
    }
  }

  async release(record: OtpRecord, previous: OtpRecord | undefined): Promise<void> {
    const onlyIfStill = {
      ConditionExpression: 'otp.sentAt = :sentAt AND otp.codeHash = :codeHash',
      ExpressionAttributeValues: { ':sentAt': record.sentAt, ':codeHash': record.codeHash },
    };
    try {
      if (previous) {
        const Item = {
          ...identityKeys.otp(record.phone),
          otp: previous,
          [ttl]: epochSeconds(Date.parse(previous.windowStart) + HOUR_MS),
        };
        await this.client.send(new PutCommand({ TableName: this.tableName, Item, ...onlyIfStill }));
      } else {
        await this.client.send(
          new DeleteCommand({ TableName: this.tableName, Key: identityKeys.otp(record.phone), ...onlyIfStill }),
        );
      }
    } catch (error) {
      // Someone else changed it since: theirs stands.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

export class DynamoDbSourceRateLimiter implements SourceRateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(source: string, limit: number, now: Date): Promise<void> {
    const hourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: identityKeys.sourceQuota(source, new Date(hourStart).toISOString().slice(0, 13)),
          UpdateExpression: 'ADD requests :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
          ExpressionAttributeNames: { '#ttl': ttl },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epochSeconds(hourStart + 2 * HOUR_MS) },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const retryAfter = epochSeconds(hourStart + HOUR_MS - now.getTime());
        throw new RateLimitedError(
          `Too many code requests from your network. Try again in ${Math.ceil(retryAfter / 60)} minutes.`,
          retryAfter,
        );
      }
      throw error;
    }
  }
}

export class DynamoDbSessionStore implements SessionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(session: ConsumerSession): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...identityKeys.session(session.tokenHash),
          session,
          [ttl]: epochSeconds(Date.parse(session.expiresAt)),
        },
      }),
    );
  }

  async get(tokenHash: string): Promise<ConsumerSession | undefined> {
    // Strongly consistent: a session must work the moment it is handed out.
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: identityKeys.session(tokenHash), ConsistentRead: true }),
    );
    return Item?.session as ConsumerSession | undefined;
  }
}
