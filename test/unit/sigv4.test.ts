import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../functions/domain/errors';
import { checkScope, checkSignature, parseSignature, type SignedRequest } from '../../functions/domain/sigv4';

const credentials = { accessKeyId: 'CCMSMTESTKEY0000001', secretAccessKey: 'test-secret-0123456789abcdefghijklmnop' };
const signedAt = new Date('2026-11-22T10:15:00Z');
const signer = (secretAccessKey = credentials.secretAccessKey, service = 'ccms', region = 'ap-south-1') =>
  new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region,
    service,
    sha256: Hash.bind(null, 'sha256'),
  });

/** Signs with the AWS SDK's own SigV4 signer, then turns the result into what the server sees. */
const signWithSdk = async (
  input: { method: string; path: string; query?: Record<string, string>; body?: string },
  options: { secret?: string; service?: string } = {},
) => {
  const signed = await signer(options.secret, options.service).sign(
    {
      method: input.method,
      protocol: 'https:',
      hostname: 'api.ccms.example',
      path: input.path,
      query: input.query ?? {},
      headers: { host: 'api.ccms.example', 'content-type': 'application/json' },
      body: input.body,
    },
    { signingDate: signedAt },
  );
  const request: SignedRequest = {
    method: signed.method,
    path: signed.path,
    query: Object.entries(signed.query ?? {}).map(([k, v]) => [k, String(v)]),
    headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: Buffer.from(input.body ?? ''),
  };
  return request;
};

const verify = (request: SignedRequest, now = signedAt, secret = credentials.secretAccessKey) => {
  const claims = parseSignature(request.headers);
  checkScope(claims, { region: 'ap-south-1', now });
  checkSignature(request, claims, secret);
  return claims;
};

describe('SigV4 verification', () => {
  it('accepts what the AWS SDK signer produces, with a body and a query', async () => {
    const request = await signWithSdk({
      method: 'POST',
      path: '/v1/merchant/complaints/7K3M9-Q2TXB/acknowledge',
      query: { lang: 'en', page: '2' },
      body: '{"note":"আমরা দেখছি"}',
    });
    expect(verify(request).accessKeyId).toBe(credentials.accessKeyId);
  });

  it('refuses a tampered body, path, query or method', async () => {
    const request = await signWithSdk({
      method: 'POST',
      path: '/v1/merchant/complaints',
      query: { status: 'ESCALATED' },
      body: '{"amount":100}',
    });
    const tampered: SignedRequest[] = [
      { ...request, body: Buffer.from('{"amount":1000}') },
      { ...request, path: '/v1/merchant/complaints/other' },
      { ...request, query: [['status', 'SETTLED']] },
      { ...request, method: 'PUT' },
    ];
    for (const t of tampered) expect(() => verify(t)).toThrow('does not match');
  });

  it('refuses a signature made with another secret', async () => {
    const request = await signWithSdk(
      { method: 'GET', path: '/v1/merchant/complaints' },
      { secret: 'another-secret-0123456789abcdefghijkl' },
    );
    expect(() => verify(request)).toThrow('does not match');
  });

  it('refuses a request signed more than 5 minutes from the server time, either way', async () => {
    const request = await signWithSdk({ method: 'GET', path: '/v1/merchant/complaints' });
    expect(() => verify(request, new Date(signedAt.getTime() + 5 * 60_000))).not.toThrow();
    expect(() => verify(request, new Date(signedAt.getTime() + 5 * 60_000 + 1000))).toThrow('more than 5 minutes');
    expect(() => verify(request, new Date(signedAt.getTime() - 5 * 60_000 - 1000))).toThrow('more than 5 minutes');
  });

  it('refuses another service or region', async () => {
    const request = await signWithSdk({ method: 'GET', path: '/v1/merchant/complaints' }, { service: 'execute-api' });
    expect(() => verify(request)).toThrow('service "ccms"');
  });

  it('refuses missing or malformed credentials, saying so and nothing more', () => {
    expect(() => parseSignature({})).toThrow(UnauthenticatedError);
    expect(() => parseSignature({ authorization: 'Bearer abc' })).toThrow('malformed');
    const header = `AWS4-HMAC-SHA256 Credential=K/20261122/ap-south-1/ccms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`;
    expect(() => parseSignature({ authorization: header })).toThrow('x-amz-date header is missing');
    // A key id past 128 characters is no key (DynamoDB would refuse it as a key: a 500 for anyone).
    const withKey = (id: string) => ({
      authorization: header.replace('Credential=K/', `Credential=${id}/`),
      'x-amz-date': '20261122T101500Z',
    });
    expect(parseSignature(withKey('A'.repeat(128))).accessKeyId).toHaveLength(128);
    expect(() => parseSignature(withKey('A'.repeat(2100)))).toThrow('malformed');
    expect(() =>
      parseSignature({ authorization: header.replace('host;x-amz-date', 'host'), 'x-amz-date': '20261122T101500Z' }),
    ).toThrow('must be signed');
  });

  it('refuses an unsigned payload', async () => {
    const request = await signWithSdk({ method: 'POST', path: '/v1/merchant/complaints', body: '{}' });
    request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    expect(() => verify(request)).toThrow('body to be signed');
  });
});
