/**
 * Case records: the files in the write-once bucket (S3 Object Lock; the bucket's default retention
 * applies to every version written), their index in the table (RECORD#<tracking>, one item per
 * version). The workflow that issues them is started from case-record-issuer.ts.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { CaseRecordFiles, CaseRecordIndex, IssuedCaseRecord } from '../domain/ports';
import { keys, tableKeyPrefixes } from './table-design';

export class S3CaseRecordFiles implements CaseRecordFiles {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: Buffer, contentType: string) {
    // Object Lock buckets take a write only with an integrity checksum: SHA-256, computed by the SDK.
    const { VersionId } = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    return VersionId && VersionId !== 'null' ? { versionId: VersionId } : {};
  }

  async get(key: string, versionId?: string) {
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId && { VersionId: versionId }) }),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of Body as Readable) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      if (['NoSuchKey', 'NoSuchVersion'].includes((error as Error).name)) return undefined;
      throw error;
    }
  }

  link(key: string, options: { versionId?: string; contentType: string; expiresInSeconds: number }) {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.versionId && { VersionId: options.versionId }),
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }
}

export class DynamoDbCaseRecordIndex implements CaseRecordIndex {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(record: IssuedCaseRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.caseRecord(record.trackingNumber, record.version), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async list(trackingNumber: string): Promise<IssuedCaseRecord[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${tableKeyPrefixes.caseRecord}${trackingNumber}` },
        ConsistentRead: true,
      }),
    );
    return Items.map(({ pk: _pk, sk: _sk, ...record }) => record as IssuedCaseRecord);
  }

  async eraseTexts(trackingNumber: string, version: number, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.caseRecord(trackingNumber, version),
        UpdateExpression: 'REMOVE texts SET erasedAt = if_not_exists(erasedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
