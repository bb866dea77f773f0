/**
 * The open-data files in their bucket, which the site's CloudFront serves under /open-data/. Each
 * is replaced whole: a month's file by a multipart upload (one part in memory), the index and the
 * dictionary by one PutObject. Browsers and CloudFront keep a file an hour.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { OpenDataIndex } from '../domain/open-data';
import type { FileSink, OpenDataFiles } from '../domain/ports';
import { MultipartSink } from './s3-export-files';

const cacheControl = 'public, max-age=3600';

export class S3OpenDataFiles implements OpenDataFiles {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  create(key: string, contentType: string): FileSink {
    return new MultipartSink(this.client, this.bucket, key, { ContentType: contentType, CacheControl: cacheControl });
  }

  async readIndex(key: string): Promise<OpenDataIndex | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return JSON.parse((await object.Body?.transformToString('utf8')) ?? 'null') ?? undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async writeJson(key: string, value: unknown): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: `${JSON.stringify(value, null, 2)}\n`,
        ContentType: 'application/json; charset=utf-8',
        CacheControl: cacheControl,
      }),
    );
  }
}
