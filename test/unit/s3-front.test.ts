/**
 * The local S3 front refuses what S3 refuses: a POST form past its expiry, with a forged
 * signature or with a field its policy does not name; a presigned link past its expiry or
 * altered. Forms and links come from the AWS SDK itself, as the functions make them.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { checkPostPolicy, checkPresignedUrl } from '../../local/s3-front';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const client = new S3Client({
  region: 'ap-south-1',
  endpoint: 'http://127.0.0.1:4569',
  forcePathStyle: true,
  credentials,
});
const signedAt = new Date('2026-05-01T08:00:00Z');
const at = (seconds: number) => () => new Date(signedAt.getTime() + seconds * 1000);

const form = async () => {
  const { fields } = await createPresignedPost(client, {
    Bucket: 'evidence',
    Key: `complaints/ABCDE-FGHJK/${'a'.repeat(24)}`,
    Fields: { 'Content-Type': 'image/png' },
    Conditions: [
      ['eq', '$Content-Type', 'image/png'],
      ['content-length-range', 100, 100],
    ],
    Expires: 900,
  });
  return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
};
const posted =
  async (fields: Map<string, string>, options: { fileSize?: number; now?: () => Date } = {}) =>
  () =>
    checkPostPolicy(
      { fields, fileSize: options.fileSize ?? 100, bucket: 'evidence' },
      { credentials, now: options.now ?? at(60) },
    );

describe('a POST upload form, checked as S3 checks it', () => {
  // createPresignedPost signs with the wall clock; the checks run against a clock relative to the form's own date.
  const relative = (fields: Map<string, string>, seconds: number) => {
    const date = fields.get('x-amz-date')!;
    const issued = new Date(
      `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
    );
    return () => new Date(issued.getTime() + seconds * 1000);
  };

  it('accepts the form as made, within its 15 minutes', async () => {
    const fields = await form();
    expect(await posted(fields, { now: relative(fields, 899) })).not.toThrow();
  });

  it('refuses it once expired', async () => {
    const fields = await form();
    expect(await posted(fields, { now: relative(fields, 901) })).toThrow('Policy expired');
  });

  it('refuses a forged signature, an altered policy and a field the policy does not name', async () => {
    const fields = await form();
    const now = relative(fields, 60);
    expect(await posted(new Map([...fields, ['x-amz-signature', '0'.repeat(64)]]), { now })).toThrow('signature');
    const policy = JSON.parse(Buffer.from(fields.get('policy')!, 'base64').toString());
    policy.conditions[1] = ['content-length-range', 1, 100_000_000];
    expect(
      await posted(new Map([...fields, ['policy', Buffer.from(JSON.stringify(policy)).toString('base64')]]), { now }),
    ).toThrow('signature');
    expect(await posted(new Map([...fields, ['success_action_redirect', 'https://evil.example']]), { now })).toThrow(
      'Extra input fields: success_action_redirect',
    );
  });

  it('refuses a file of another size than the range', async () => {
    const fields = await form();
    const now = relative(fields, 60);
    expect(await posted(fields, { fileSize: 101, now })).toThrow('exceeds the maximum allowed size');
    expect(await posted(fields, { fileSize: 99, now })).toThrow('smaller than the minimum');
  });
});

describe('a presigned download link, checked as S3 checks it', () => {
  const link = async () =>
    new URL(
      await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: 'evidence', Key: 'complaints/ABCDE-FGHJK/x', ResponseContentType: 'image/png' }),
        { expiresIn: 300, signingDate: signedAt },
      ),
    );
  const check = (url: URL, now: () => Date) =>
    checkPresignedUrl('GET', url, url.host, { credentials, now, region: 'ap-south-1' });

  it('works for its 5 minutes, and names the response headers it asked for', async () => {
    expect(await check(await link(), at(299))).toMatchObject({ 'response-content-type': 'image/png' });
  });

  it('stops working after them', async () => {
    await expect(check(await link(), at(301))).rejects.toThrow('Request has expired');
  });

  it('fails its signature when any part is changed', async () => {
    const otherKey = await link();
    otherKey.pathname = otherKey.pathname.replace(/x$/, 'y');
    await expect(check(otherKey, at(10))).rejects.toThrow('signature');
    const longer = await link();
    longer.searchParams.set('X-Amz-Expires', '604800');
    await expect(check(longer, at(10))).rejects.toThrow('signature');
  });
});
