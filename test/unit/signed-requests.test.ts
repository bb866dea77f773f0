import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { authenticateSignedUseCase, signedRequestsOf } from '../../functions/access/signed-requests';
import type { HttpEvent } from '../../functions/commons/http';
import { signingKeyOf, signRequest } from '../../web/src/sigv4';
import { fixedClock } from '../../functions/domain/clock';
import type { StoredCredential } from '../../functions/domain/credentials';
import { ForbiddenError, UnauthenticatedError } from '../../functions/domain/errors';
import type { SignedRequest } from '../../functions/domain/sigv4';

const secret = 'merchant-secret-0123456789abcdefghijklm';
const credential: StoredCredential = {
  accessKeyId: 'CCMSMKEY000000000001',
  principal: { role: 'merchant', merchantId: 'demo-bazaar' },
  sealedSecret: `sealed:${secret}`,
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00Z',
};
const clock = fixedClock('2026-11-22T10:00:00Z');
const seen = new Set<string>();
const authenticate = authenticateSignedUseCase({
  credentials: {
    get: async (id) => (id === credential.accessKeyId ? credential : undefined),
    create: async () => undefined,
    revoke: async () => false,
  },
  sealer: { seal: async (s) => `sealed:${s}`, open: async (sealed) => sealed.replace(/^sealed:/, '') },
  replays: {
    remember: async (signature) => {
      if (seen.has(signature)) throw new UnauthenticatedError('replayed');
      seen.add(signature);
    },
  },
  clock,
  region: 'ap-south-1',
});

const sign = async (method: string, secretAccessKey = secret): Promise<SignedRequest> => {
  const signed = await new SignatureV4({
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey },
    region: 'ap-south-1',
    service: 'ccms',
    sha256: Hash.bind(null, 'sha256'),
  }).sign(
    {
      method,
      protocol: 'https:',
      hostname: 'api.example',
      path: '/v1/x',
      headers: { host: 'api.example' },
      body: '{}',
    },
    { signingDate: clock.now() },
  );
  return { method, path: '/v1/x', query: [], headers: signed.headers, body: Buffer.from('{}') };
};

describe('signed-request authentication', () => {
  it('returns the key’s principal', async () => {
    expect(await authenticate(await sign('GET'), ['merchant'])).toEqual(credential.principal);
  });

  it('checks the signature before the role, so a forged request never learns the key’s role', async () => {
    await expect(
      authenticate(await sign('GET', 'forged-secret-0123456789abcdefghijklmn'), ['regulator']),
    ).rejects.toThrow(UnauthenticatedError);
    await expect(authenticate(await sign('GET'), ['regulator'])).rejects.toThrow(ForbiddenError);
  });

  it('remembers state-changing requests only', async () => {
    const get = await sign('GET');
    await authenticate(get, ['merchant']);
    await authenticate(get, ['merchant']);
    const post = await sign('POST');
    await authenticate(post, ['merchant']);
    await expect(authenticate(post, ['merchant'])).rejects.toThrow('replayed');
  });
});

describe('a browser signing behind the site’s CloudFront distribution', () => {
  /** What API Gateway hands the function for a request the browser signed for https://ccms.example/v1/merchant/complaints?status=DISPUTED. */
  const eventFor = async (viewerHost: string | undefined, signedFor = 'ccms.example') => {
    const url = new URL(`https://${signedFor}/v1/merchant/complaints?status=DISPUTED`);
    const headers = await signRequest(
      await signingKeyOf(credential.accessKeyId, secret, 'ap-south-1'),
      { method: 'GET', url, body: '', headers: {} },
      clock.now(),
    );
    const arrived = {
      ...headers,
      Host: 'abc123.execute-api.ap-south-1.amazonaws.com',
      ...(viewerHost && { 'x-ccms-viewer-host': viewerHost }),
    };
    return {
      httpMethod: 'GET',
      path: '/v1/merchant/complaints',
      requestContext: { path: '/live/v1/merchant/complaints' },
      multiValueQueryStringParameters: { status: ['DISPUTED'] },
      multiValueHeaders: Object.fromEntries(Object.entries(arrived).map(([name, value]) => [name, [value]])),
      body: null,
    } as unknown as HttpEvent;
  };

  it('accepts the signature made for the site’s host and the path without the stage', async () => {
    expect(await authenticate(signedRequestsOf(await eventFor('ccms.example')), ['merchant'])).toEqual(
      credential.principal,
    );
  });

  it('refuses it without the viewer host (API Gateway’s own host and stage path do not match), or for another host', async () => {
    await expect(authenticate(signedRequestsOf(await eventFor(undefined)), ['merchant'])).rejects.toThrow(
      UnauthenticatedError,
    );
    await expect(
      authenticate(signedRequestsOf(await eventFor('ccms.example', 'evil.example')), ['merchant']),
    ).rejects.toThrow(UnauthenticatedError);
  });
});
