/** Signs requests to the local cloud with the AWS SDK's own SigV4 signer, as any SigV4 client would. */
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { inject } from 'vitest';
import { isChallenged } from '../../functions/catalog';
import type { SeedKey } from '../../local/seed';
import { checkAgainstContract } from './contract';
import { baseUrl, bodyOf, wafToken } from './http';

export const seeds = () => inject('seedCredentials');

export interface SignOptions {
  service?: 'ccms' | 'execute-api';
  signedAt?: Date;
  /** More headers, signed with the rest (such as Idempotency-Key). */
  headers?: Record<string, string>;
  /** The body as these exact bytes, with this content type or none (a fuzzer's malformed JSON), instead of `body` as JSON. */
  raw?: { text: string; contentType?: string };
}

/** A signed request, ready to send (possibly after tampering with it). */
export const signRequest = async (
  key: SeedKey,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  options: SignOptions = {},
) => {
  const url = new URL(pathAndQuery, baseUrl());
  const text = options.raw ? options.raw.text : body === undefined ? undefined : JSON.stringify(body);
  const contentType = options.raw ? options.raw.contentType : text !== undefined ? 'application/json' : undefined;
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: seeds().region,
    service: options.service ?? 'ccms',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      // A unique, signed request id: two identical calls in the same second would otherwise share a signature (and the second be refused as a replay).
      headers: {
        host: url.host,
        'x-ccms-request-id': crypto.randomUUID(),
        ...options.headers,
        ...(contentType !== undefined && { 'content-type': contentType }),
      },
      body: text,
    },
    { signingDate: options.signedAt ?? new Date() },
  );
  return { url: url.toString(), method, headers: signed.headers as Record<string, string>, body: text };
};

export const send = async (request: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}) => {
  const { host: _host, ...headers } = request.headers;
  const response = await fetch(request.url, { method: request.method, headers, body: request.body });
  const answer = { status: response.status, body: await bodyOf(response) };
  await checkAgainstContract(
    request.method,
    request.url,
    answer.status,
    response.headers.get('content-type'),
    answer.body,
  );
  return answer;
};

export const signedCall = async (
  key: SeedKey,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  options?: SignOptions,
) => {
  // The firewall challenges sign-in whoever asks: solved first, as request() does.
  const challenged = isChallenged(method, pathAndQuery);
  const headers = { ...(challenged && { 'x-aws-waf-token': await wafToken() }), ...options?.headers };
  return send(await signRequest(key, method, pathAndQuery, body, { ...options, headers }));
};
