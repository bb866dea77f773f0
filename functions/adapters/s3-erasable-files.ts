/**
 * Erasing files for good in a versioned bucket: deleting a key only hides it behind a delete
 * marker, so every version and marker under the prefix is listed and deleted by version id, a
 * thousand at a time (DeleteObjects' limit).
 */
import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import { ServiceUnavailableError } from '../domain/errors';
import type { ErasableFiles } from '../domain/ports';

export class S3ErasableFiles implements ErasableFiles {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async eraseAll(prefix: string): Promise<number> {
    let erased = 0;
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((object) => object.Key !== undefined)
        .map(({ Key, VersionId }) => ({ Key: Key!, ...(VersionId && { VersionId }) }));
      if (objects.length > 0) {
        const { Errors = [] } = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
        );
        // Retried by the caller (the next request, the next run): what was deleted stays deleted.
        if (Errors.length > 0)
          throw new ServiceUnavailableError(
            `The storage kept ${Errors.length} of the files to erase (${Errors[0]!.Code ?? 'unknown'}); please try again.`,
            5,
          );
        erased += objects.length;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return erased;
  }
}
