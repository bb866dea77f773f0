/**
 * Export files in S3, written as a multipart upload of 8 MB parts: the function holds one part in
 * memory, whatever the size of the export. A file smaller than one part is a single PutObject.
 * The open-data files are written the same way (functions/adapters/s3-open-data-files.ts).
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportFiles, FileSink } from '../domain/ports';

/** S3 takes parts of at least 5 MB (all but the last). */
const partBytes = 8 * 1024 * 1024;
const contentType = 'text/csv; charset=utf-8';

/** How S3 serves the file. */
export interface FileHeaders {
  ContentType: string;
  CacheControl?: string;
}

export class MultipartSink implements FileSink {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private total = 0;
  private uploadId?: string;
  private readonly parts: { ETag: string; PartNumber: number }[] = [];

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly key: string,
    private readonly headers: FileHeaders = { ContentType: contentType },
  ) {}

  async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.buffered.push(bytes);
    this.bufferedBytes += bytes.length;
    this.total += bytes.length;
    if (this.bufferedBytes >= partBytes) await this.flushPart();
  }

  async finish(): Promise<number> {
    if (!this.uploadId) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key, Body: this.take(), ...this.headers }),
      );
      return this.total;
    }
    if (this.bufferedBytes > 0) await this.flushPart();
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
    );
    return this.total;
  }

  async abort(): Promise<void> {
    if (this.uploadId)
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: this.uploadId }),
      );
  }

  private take() {
    const body = Buffer.concat(this.buffered);
    this.buffered = [];
    this.bufferedBytes = 0;
    return body;
  }

  private async flushPart() {
    this.uploadId ??= (
      await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, ...this.headers }))
    ).UploadId;
    const PartNumber = this.parts.length + 1;
    const { ETag } = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        PartNumber,
        Body: this.take(),
      }),
    );
    this.parts.push({ ETag: ETag!, PartNumber });
  }
}

export class S3ExportFiles implements ExportFiles {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  create(key: string): FileSink {
    return new MultipartSink(this.client, this.bucket, key);
  }

  downloadLink(key: string, fileName: string, expiresInSeconds: number): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: contentType,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }
}
