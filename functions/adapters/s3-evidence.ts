/**
 * Evidence files in S3. Uploads are presigned POST forms whose policy S3 enforces (the key, the
 * declared type, the exact size); the check reads a file once as a stream, hashing it as it goes;
 * downloads are presigned GETs of the checked version, sent as an attachment of its declared type.
 * A file the bucket refuses to serve (flagged by the malware scan) is FileWithheldError.
 */
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { evidenceLimits, type UploadedFile } from '../domain/evidence';
import { FileWithheldError, type EvidenceFiles } from '../domain/ports';

export class S3EvidenceFiles implements EvidenceFiles {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async uploadForm(key: string, contentType: string, size: number, expiresInSeconds: number) {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      Fields: { 'Content-Type': contentType },
      Conditions: [
        ['eq', '$Content-Type', contentType],
        ['content-length-range', size, size],
      ],
      Expires: expiresInSeconds,
    });
    return { url, fields };
  }

  async inspect(key: string, versionId?: string): Promise<UploadedFile | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId && { VersionId: versionId }) }),
      );
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      for await (const chunk of object.Body as Readable) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        if (headLength < evidenceLimits.headBytes) {
          head.push(bytes.subarray(0, evidenceLimits.headBytes - headLength));
          headLength += Math.min(bytes.length, evidenceLimits.headBytes - headLength);
        }
      }
      // An unversioned bucket (the local cloud's s3rver) names no version: none is recorded.
      const version = object.VersionId && object.VersionId !== 'null' ? object.VersionId : undefined;
      return { size, sha256: hash.digest('hex'), head: Buffer.concat(head), ...(version && { versionId: version }) };
    } catch (error) {
      if (['NoSuchKey', 'NoSuchVersion'].includes((error as Error).name)) return undefined;
      // The bucket denies a file that GuardDuty tagged THREATS_FOUND to everyone (infra/stateful-stack.ts).
      if ((error as Error).name === 'AccessDenied')
        throw new FileWithheldError(`The storage withholds ${key}: a malware scan flagged it.`);
      throw error;
    }
  }

  async remove(key: string, versionId?: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId && { VersionId: versionId }) }),
    );
  }

  async downloadLink(
    key: string,
    options: { versionId?: string; contentType: string; contentDisposition: string; expiresInSeconds: number },
  ) {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.versionId && { VersionId: options.versionId }),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }
}
