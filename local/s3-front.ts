/**
 * S3 as browsers and download links meet it. s3rver stores the files but checks neither a POST
 * form's policy nor a presigned link's signature or expiry; AWS does both, and the evidence limits
 * (type, exact size, a form that stops working) rest on them. This front does what S3 does, on
 * the local cloud's virtual clock, and hands what passes to s3rver:
 * - a POST upload: the policy's signature, its expiry, every condition (`eq`, `starts-with`,
 *   exact fields, `content-length-range`), and that every form field is covered by a condition;
 * - a presigned GET or HEAD: its signature over the path and query, and its expiry;
 * - a request the SDK signs in its header (the functions' own calls): passed on as it is;
 * - any read of a file the malware scan flagged: AccessDenied, as the bucket's policy answers.
 * Refusals are S3's XML errors with S3's codes.
 */
import { Hash } from '@smithy/hash-node';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from '../functions/domain/sigv4';
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Faults } from './faults';

export interface S3FrontOptions {
  /** Where s3rver listens. */
  target: string;
  region: string;
  /** The credentials the functions sign with (the local cloud's). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  now: () => Date;
  /** Bodies beyond this are refused before they are read to the end. */
  maxUploadBytes: number;
  /** Objects the bucket refuses to serve to anyone (tagged THREATS_FOUND by the malware scan). */
  withholds?: (bucket: string, key: string) => boolean;
  /** `s3.unavailable` fails requests whose method and path hold the fault's target. */
  faults?: Faults;
}

class S3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `20261123T163803Z` → Date. */
const amzDate = (value: string | undefined) => {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match)
    throw new S3Refusal(
      400,
      'AuthorizationQueryParametersError',
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
    );
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
};

type PolicyCondition = Record<string, string> | [string, string, string] | ['content-length-range', number, number];

/** Checks a browser POST upload's form as S3 does; returns nothing, or throws S3's refusal. */
export const checkPostPolicy = (
  form: { fields: Map<string, string>; fileSize: number; bucket: string },
  options: Pick<S3FrontOptions, 'credentials' | 'now'>,
) => {
  const field = (name: string) => form.fields.get(name.toLowerCase());
  const policyText = field('policy');
  const signature = field('x-amz-signature');
  if (!policyText || !signature)
    throw new S3Refusal(403, 'AccessDenied', 'Bucket POST must contain a policy and its signature.');
  const credential = field('x-amz-credential') ?? '';
  const [accessKeyId, date, region, service] = credential.split('/');
  if (accessKeyId !== options.credentials.accessKeyId)
    throw new S3Refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const key = signingKey(options.credentials.secretAccessKey, {
    date: date ?? '',
    region: region ?? '',
    service: service ?? '',
  });
  if (!sameHex(createHmac('sha256', key).update(policyText).digest('hex'), signature)) {
    throw new S3Refusal(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  let policy: { expiration: string; conditions: PolicyCondition[] };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
  } catch {
    throw new S3Refusal(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (!(Date.parse(policy.expiration) > options.now().getTime()))
    throw new S3Refusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const covered = new Set(['policy', 'x-amz-signature', 'file']);
  const formValue = (name: string) => (name === 'bucket' ? form.bucket : field(name));
  const failed = (condition: PolicyCondition) =>
    new S3Refusal(
      403,
      'AccessDenied',
      `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
    );
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [operator, subject, value] = condition;
      if (operator === 'content-length-range') {
        if (form.fileSize > (value as number))
          throw new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
        if (form.fileSize < (subject as unknown as number))
          throw new S3Refusal(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
        continue;
      }
      const name = String(subject).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const actual = formValue(name) ?? '';
      if (operator === 'eq' && actual !== value) throw failed(condition);
      if (operator === 'starts-with' && !actual.startsWith(String(value))) throw failed(condition);
      if (operator !== 'eq' && operator !== 'starts-with')
        throw new S3Refusal(
          400,
          'InvalidPolicyDocument',
          `Invalid Policy: Invalid condition ${JSON.stringify(condition)}`,
        );
    } else {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (formValue(name.toLowerCase()) !== value) throw failed(condition);
      }
    }
  }
  for (const name of form.fields.keys()) {
    if (!covered.has(name) && !name.startsWith('x-ignore-'))
      throw new S3Refusal(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
  }
};

/** Checks a presigned GET or HEAD as S3 does: the signature over method, path and query, and the link's expiry. */
export const checkPresignedUrl = async (
  method: string,
  url: URL,
  host: string,
  options: Pick<S3FrontOptions, 'credentials' | 'now' | 'region'>,
) => {
  const query = Object.fromEntries(url.searchParams);
  const signedAt = amzDate(query['X-Amz-Date']);
  const expires = Number(query['X-Amz-Expires']);
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800)
    throw new S3Refusal(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be between 1 and 604800 seconds.',
    );
  if (options.now().getTime() > signedAt.getTime() + expires * 1000)
    throw new S3Refusal(403, 'AccessDenied', 'Request has expired');
  const [accessKeyId, , region] = (query['X-Amz-Credential'] ?? '').split('/');
  if (accessKeyId !== options.credentials.accessKeyId)
    throw new S3Refusal(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const unsigned = Object.fromEntries(
    Object.entries(query).filter(
      ([name]) =>
        ![
          'X-Amz-Algorithm',
          'X-Amz-Credential',
          'X-Amz-Date',
          'X-Amz-Expires',
          'X-Amz-SignedHeaders',
          'X-Amz-Signature',
          'X-Amz-Content-Sha256',
        ].includes(name),
    ),
  );
  const presigner = new S3RequestPresigner({
    credentials: options.credentials,
    region: region ?? options.region,
    sha256: Hash.bind(null, 'sha256'),
  });
  const [hostname, port] = host.split(':');
  const expected = await presigner.presign(
    {
      method,
      protocol: 'http:',
      hostname: hostname!,
      port: port ? Number(port) : undefined,
      path: decodeURIComponent(url.pathname),
      query: unsigned,
      headers: { host },
    },
    { signingDate: signedAt, expiresIn: expires },
  );
  if (!sameHex(String(expected.query?.['X-Amz-Signature'] ?? ''), query['X-Amz-Signature'] ?? '')) {
    throw new S3Refusal(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  return unsigned;
};

const readBody = (request: IncomingMessage, limit: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        reject(new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

/** The form's fields (names lowercased, as S3 compares them) and the size of its file. */
const parseForm = async (body: Buffer, contentType: string) => {
  const formData = await new Response(body, { headers: { 'content-type': contentType } }).formData().catch(() => {
    throw new S3Refusal(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  });
  const fields = new Map<string, string>();
  let fileSize: number | undefined;
  for (const [name, value] of formData.entries()) {
    if (name.toLowerCase() === 'file') fileSize = typeof value === 'string' ? Buffer.byteLength(value) : value.size;
    else if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  if (fileSize === undefined)
    throw new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  return { fields, fileSize };
};

export class S3Front {
  private server?: Server;

  constructor(private readonly options: S3FrontOptions) {}

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        const refusal =
          error instanceof S3Refusal ? error : new S3Refusal(500, 'InternalError', (error as Error).message);
        if (response.headersSent) return response.destroy();
        response.writeHead(refusal.status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${xmlEscape(refusal.message)}</Message></Error>`,
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async close() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://s3.local');
    const host = request.headers.host ?? '';
    const headers = { ...request.headers };
    let path = url.pathname + url.search;
    let body: Buffer | undefined;
    /** Headers a presigned link asks S3 to answer with (`response-content-type`...): s3rver serves them to signed requests only, so they are set here. */
    const overrides: Record<string, string> = {};
    const pathSegments = url.pathname.split('/').filter(Boolean);
    if (this.options.faults?.trip('s3.unavailable', `${request.method} ${url.pathname}`))
      throw new S3Refusal(503, 'SlowDown', 'Please reduce your request rate (local fault s3.unavailable).');
    // A browser asks first (CORS preflight) before an upload it watches the progress of; the
    // deployed bucket answers from its CORS rule (POST from the site, GET for links).
    if (request.method === 'OPTIONS') {
      const method = String(request.headers['access-control-request-method'] ?? '');
      if (!['POST', 'GET', 'HEAD'].includes(method))
        throw new S3Refusal(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
      response.writeHead(200, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, POST',
        'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? ''),
        'access-control-max-age': '3000',
      });
      return response.end();
    }
    // The evidence bucket's policy denies reading a file the malware scan tagged THREATS_FOUND, to everyone.
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      pathSegments.length > 1 &&
      this.options.withholds?.(
        decodeURIComponent(pathSegments[0]!),
        pathSegments.slice(1).map(decodeURIComponent).join('/'),
      )
    )
      throw new S3Refusal(403, 'AccessDenied', 'Access Denied');
    if (request.method === 'GET' && pathSegments.length === 1 && url.searchParams.has('versions'))
      return this.listVersions(decodeURIComponent(pathSegments[0]!), url.searchParams, response);
    if (
      request.method === 'POST' &&
      pathSegments.length === 1 &&
      (request.headers['content-type'] ?? '').startsWith('multipart/form-data')
    ) {
      // Room for the form's fields around the largest file.
      body = await readBody(request, this.options.maxUploadBytes + 64 * 1024);
      const form = await parseForm(body, request.headers['content-type']!);
      checkPostPolicy({ ...form, bucket: decodeURIComponent(pathSegments[0]!) }, this.options);
    } else if (url.searchParams.has('X-Amz-Algorithm')) {
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw new S3Refusal(403, 'AccessDenied', 'Only GET and HEAD links are presigned here.');
      const unsigned = await checkPresignedUrl(request.method, url, host, this.options);
      for (const [name, value] of Object.entries(unsigned)) {
        if (!name.startsWith('response-')) continue;
        overrides[name.slice('response-'.length)] = value;
        delete unsigned[name];
      }
      path = `${url.pathname}${Object.keys(unsigned).length ? `?${new URLSearchParams(unsigned)}` : ''}`;
    }
    // s3rver knows only its own dummy keys: what passed here reaches it anonymously.
    delete headers.authorization;
    const target = new URL(this.options.target);
    await new Promise<void>((resolve, reject) => {
      const upstream = forward(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path,
          headers: { ...headers, host: target.host, ...(body && { 'content-length': String(body.length) }) },
        },
        (answer) => {
          const succeeded = (answer.statusCode ?? 502) < 300;
          response.writeHead(answer.statusCode ?? 502, {
            ...answer.headers,
            ...(succeeded && overrides),
            'access-control-allow-origin': '*',
          });
          answer.pipe(response);
          answer.on('end', resolve);
          answer.on('error', reject);
        },
      );
      upstream.on('error', reject);
      if (body) upstream.end(body);
      else request.pipe(upstream);
    });
  }

  /**
   * ListObjectVersions, which s3rver lacks: its bucket is not versioned, so each object is its one
   * version, "null" as S3 names the version of an object stored while versioning was off.
   */
  private async listVersions(bucket: string, query: URLSearchParams, response: ServerResponse) {
    const list = new URLSearchParams({ prefix: query.get('prefix') ?? '' });
    const marker = query.get('key-marker');
    if (marker) list.set('marker', marker);
    if (query.get('max-keys')) list.set('max-keys', query.get('max-keys')!);
    const answer = await fetch(new URL(`/${encodeURIComponent(bucket)}?${list}`, this.options.target));
    const xml = await answer.text();
    if (!answer.ok) throw new S3Refusal(answer.status, 'InternalError', xml);
    const keys = [...xml.matchAll(/<Contents>[\s\S]*?<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Contents>/g)].map((m) => m[1]!);
    const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml);
    const versions = keys
      .map((key) => `<Version><Key>${key}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest></Version>`)
      .join('');
    const next =
      truncated && keys.length > 0
        ? `<NextKeyMarker>${keys.at(-1)}</NextKeyMarker><NextVersionIdMarker>null</NextVersionIdMarker>`
        : '';
    response.writeHead(200, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(query.get('prefix') ?? '')}</Prefix><IsTruncated>${truncated}</IsTruncated>${next}${versions}</ListVersionsResult>`,
    );
  }
}
