/**
 * Verifies AWS Signature Version 4 requests for the service `ccms`, so any SigV4 client (curl
 * --aws-sigv4, Postman, aws4, the AWS SDK signer) can call the merchant and regulator API. The
 * signature covers the method, path, query, the signed headers and the exact body bytes.
 *
 * Refusals say what kind of problem it is (malformed, expired, not matching, replayed) and
 * nothing more: no expected signature, no canonical request.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isAccessKeyId } from './credentials';
import { UnauthenticatedError } from './errors';

export const sigv4Rules = {
  algorithm: 'AWS4-HMAC-SHA256',
  service: 'ccms',
  maxClockSkewMs: 5 * 60_000,
} as const;

export interface SignedRequest {
  method: string;
  /** The path as sent on the wire (percent-encoded), without the query. */
  path: string;
  query: [string, string][];
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface SignatureClaims {
  accessKeyId: string;
  amzDate: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const refuse = (message: string): never => {
  throw new UnauthenticatedError(message);
};

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const parseAmzDate = (amzDate: string): number => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return refuse('The request signature is malformed: x-amz-date must look like 20261122T101500Z.');
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
};

/** Reads the Authorization and x-amz-date headers; throws UnauthenticatedError if they are missing or malformed. */
export const parseSignature = (headers: Record<string, string>): SignatureClaims => {
  const authorization = headers.authorization;
  if (!authorization) return refuse('This API needs requests signed with AWS Signature Version 4 (service "ccms").');
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
  if (!match) return refuse('The request signature is malformed: expected an AWS4-HMAC-SHA256 Authorization header.');
  const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] = match as unknown as string[];
  if (!isAccessKeyId(accessKeyId!)) return refuse('The request signature is malformed: the access key id is not one.');
  const amzDate = headers['x-amz-date'];
  if (!amzDate) return refuse('The request signature is malformed: the x-amz-date header is missing.');
  const signed = signedHeaders!.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date')) {
    return refuse('The request signature is malformed: the host and x-amz-date headers must be signed.');
  }
  return {
    accessKeyId: accessKeyId!,
    amzDate,
    scopeDate: scopeDate!,
    region: region!,
    service: service!,
    signedHeaders: signed,
    signature: signature!,
  };
};

/** Checks the signature's scope and age: the right service and region, and within the clock-skew limit. */
export const checkScope = (
  claims: SignatureClaims,
  expected: { region: string; service?: string; now: Date },
): void => {
  const service = expected.service ?? sigv4Rules.service;
  if (claims.service !== service) refuse(`The request must be signed for the service "${service}".`);
  if (claims.region !== expected.region) refuse(`The request must be signed for the region "${expected.region}".`);
  const signedAt = parseAmzDate(claims.amzDate);
  if (claims.amzDate.slice(0, 8) !== claims.scopeDate)
    refuse('The request signature is malformed: the credential date differs from x-amz-date.');
  if (Math.abs(expected.now.getTime() - signedAt) > sigv4Rules.maxClockSkewMs) {
    refuse('The request was signed more than 5 minutes away from the server time; check your clock and sign again.');
  }
};

const canonicalRequest = (request: SignedRequest, claims: SignatureClaims): string => {
  const path =
    request.path
      .split('/')
      .map((segment) => encode(segment))
      .join('/') || '/';
  const query = request.query
    .map(([name, value]) => [encode(name), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = claims.signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const bodyHash = sha256Hex(request.body);
  const declared = request.headers['x-amz-content-sha256'];
  if (declared !== undefined && declared !== bodyHash) {
    refuse(
      declared === 'UNSIGNED-PAYLOAD'
        ? 'This API needs the request body to be signed.'
        : 'The request signature does not match the request.',
    );
  }
  return [request.method.toUpperCase(), path, query, headers, claims.signedHeaders.join(';'), bodyHash].join('\n');
};

/** SigV4's signing key for a day, region and service (what signs a request, or an S3 POST policy). */
export const signingKey = (secret: string, scope: { date: string; region: string; service: string }): Buffer => {
  let key: Buffer = hmac(`AWS4${secret}`, scope.date);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  return key;
};

export const signatureFor = (request: SignedRequest, claims: SignatureClaims, secret: string): string => {
  const scope = `${claims.scopeDate}/${claims.region}/${claims.service}/aws4_request`;
  const stringToSign = [sigv4Rules.algorithm, claims.amzDate, scope, sha256Hex(canonicalRequest(request, claims))].join(
    '\n',
  );
  const key = signingKey(secret, { date: claims.scopeDate, region: claims.region, service: claims.service });
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
};

/** Throws UnauthenticatedError unless `claims.signature` is the signature of `request` with `secret`. */
export const checkSignature = (request: SignedRequest, claims: SignatureClaims, secret: string): void => {
  const expected = Buffer.from(signatureFor(request, claims, secret), 'hex');
  const given = Buffer.from(claims.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    refuse(
      'The request signature does not match the request. Sign the exact method, path, query, headers and body you send.',
    );
  }
};
