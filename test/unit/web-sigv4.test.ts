/** The panels' WebCrypto signer (web/src/sigv4.ts): the server accepts what it signs, and it signs what the AWS SDK signs. */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../functions/domain/errors';
import { checkScope, checkSignature, parseSignature, type SignedRequest } from '../../functions/domain/sigv4';
import { signingKeyOf, signRequest } from '../../web/src/sigv4';

const accessKeyId = 'CCMSMTESTKEY0000001';
const secret = 'test-secret-0123456789abcdefghijklmnop';
const signedAt = new Date('2026-11-22T10:15:00Z');

/** What the server sees of a browser request: the path as on the wire, the query decoded, headers in lower case. */
const asServerSees = (url: URL, method: string, headers: Record<string, string>, body: string): SignedRequest => ({
  method,
  path: url.pathname,
  query: [...url.searchParams],
  headers: { ...headers, host: url.host },
  body: Buffer.from(body),
});

const verify = (request: SignedRequest, withSecret = secret) => {
  const claims = parseSignature(request.headers);
  checkScope(claims, { region: 'ap-south-1', now: signedAt });
  checkSignature(request, claims, withSecret);
  return claims;
};

describe('signing in the browser with WebCrypto', () => {
  it.each([
    [
      'a GET with a query out of order and encoded characters',
      'GET',
      'https://ccms.example/v1/merchant/complaints?status=AWAITING_MERCHANT&limit=20&cursor=a%2Bb%3D%3D',
      '',
    ],
    [
      'a POST with a Bengali body',
      'POST',
      'https://ccms.example/v1/merchant/complaints/7K3M9-Q2TXB/propose-resolution',
      JSON.stringify({ remedy: 'REFUND', message: 'বিকাশে টাকা ফেরত পাঠানো হয়েছে।' }),
    ],
    [
      'a local host with a port',
      'PUT',
      'http://127.0.0.1:41234/v1/merchant/webhook',
      JSON.stringify({ url: 'https://shop.example/hook' }),
    ],
  ])('signs %s so the server verifies it', async (_what, method, address, body) => {
    const url = new URL(address);
    const key = await signingKeyOf(accessKeyId, secret, 'ap-south-1');
    const headers = await signRequest(
      key,
      { method, url, body, headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' } },
      signedAt,
    );
    const claims = verify(asServerSees(url, method, headers, body));
    expect(claims.signedHeaders).toEqual([
      'content-type',
      'host',
      'idempotency-key',
      'x-amz-date',
      'x-ccms-request-id',
    ]);
  });

  it('makes the signature the AWS SDK makes for the same request', async () => {
    const url = new URL('https://ccms.example/v1/merchant/complaints?status=DISPUTED&limit=5');
    const key = await signingKeyOf(accessKeyId, secret, 'ap-south-1');
    const ours = await signRequest(key, { method: 'GET', url, body: '', headers: {} }, signedAt);
    const sdk = await new SignatureV4({
      credentials: { accessKeyId, secretAccessKey: secret },
      region: 'ap-south-1',
      service: 'ccms',
      sha256: Hash.bind(null, 'sha256'),
      applyChecksum: false,
    }).sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: url.hostname,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { host: url.host, 'x-ccms-request-id': ours['x-ccms-request-id']! },
      },
      { signingDate: signedAt },
    );
    expect(ours.authorization).toBe(sdk.headers.authorization);
  });

  it('is refused with another secret, or when the body is changed after signing', async () => {
    const url = new URL('https://ccms.example/v1/merchant/complaints/7K3M9-Q2TXB/reply');
    const body = JSON.stringify({ message: 'We are looking into it.' });
    const headers = await signRequest(
      await signingKeyOf(accessKeyId, secret, 'ap-south-1'),
      { method: 'POST', url, body, headers: {} },
      signedAt,
    );
    expect(() => verify(asServerSees(url, 'POST', headers, body), 'another-secret')).toThrow(UnauthenticatedError);
    expect(() => verify(asServerSees(url, 'POST', headers, body.replace('looking', 'not looking')))).toThrow(
      UnauthenticatedError,
    );
  });

  it('keeps no readable secret: the key cannot be exported', async () => {
    const key = await signingKeyOf(accessKeyId, secret, 'ap-south-1');
    expect(key.secret.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key.secret)).rejects.toThrow();
    expect(JSON.stringify(key)).not.toContain(secret);
  });
});
