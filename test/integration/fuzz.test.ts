/**
 * Fuzzing every operation of the OpenAPI document the API serves, over HTTP against the local
 * cloud, as each operation's caller (anyone, a consumer's session, a merchant's, the regulator's or
 * the operator's signature, so a body reaches the function's own checks): malformed JSON, wrong
 * types, huge and empty strings, Unicode edge cases (Bengali, ZWJ and ZWNJ, right-to-left marks,
 * lone surrogates, NUL), prototype keys, odd path and query values, wrong content types and sizes.
 * Every answer must be a success or a 4xx in the error format (the document's, checked as every
 * integration test's answers are), never a 5xx; and every complaint a fuzzed filing was told was
 * filed exists, whole, while no refused filing left one.
 *
 * At least 10,000 requests a run (CCMS_FUZZ_REQUESTS), from a seed printed first (CCMS_FUZZ_SEED
 * repeats a run); on a failure fast-check prints the seed and the shrunk request.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SeedKey } from '../../local/seed';
import { checkAgainstContract } from './contract';
import { isChallenged } from '../../functions/catalog';
import { baseUrl, bodyOf, freshClient, freshPhone, request, signInVerified, wafToken } from './http';
import { seeds, signRequest } from './signed';

const requestsPerRun = Number(process.env.CCMS_FUZZ_REQUESTS ?? 10_000);
const seed = Number(process.env.CCMS_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Requests in flight at once: each property run sends this many. */
const inFlight = 8;

type Access = 'public' | 'consumer' | 'merchant' | 'regulator' | 'operator';
interface Operation {
  method: string;
  path: string;
  access: Access;
  pathParameters: string[];
  queryParameters: string[];
  example?: unknown;
  hasBody: boolean;
}

/** The texts that break naive code: scripts, joiners, direction marks, lone surrogates, NUL, escapes. */
const awkward = [
  '',
  ' ',
  'অভিযোগ ০১৭১২৩৪৫৬৭৮',
  'ক্ষ\u200Dত্র\u200C',
  '\u202Egnp.exe',
  '\uD800',
  'a\uDFFFb',
  '\u0000',
  '\uFEFF',
  '👨\u200D👩\u200D👧',
  '%FF%FE',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '1e309',
  '9'.repeat(40),
  // NFKC writes each as 18 letters: a short text made long past a key's bytes.
  '\uFDFA'.repeat(100),
];
/** Numbers that pass a naive check and break storage: below what DynamoDB takes (1e-130), negative zero, past exact. */
const awkwardNumbers = [1e-300, 5e-324, 1e-131, -0, -1e-300, 2 ** 53 + 1, 1e126, 12.345];
const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const oddText = fc.oneof(
  fc.constantFrom(...awkward),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...awkward), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.integer({ min: 1, max: 6_000 }).map((length) => 'অ'.repeat(length)),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.constantFrom(...awkwardNumbers),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(oddText, { maxLength: 4 }),
);

/** An example body with some fields changed to odd values, some dropped, and prototype keys added. */
const mutated = (example: unknown) => {
  const base = example && typeof example === 'object' && !Array.isArray(example) ? example : {};
  const keys = Object.keys(base);
  return fc
    .record({
      changes: fc.array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), oddValue), { maxLength: 3 }),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.array(fc.tuple(fc.constantFrom(...prototypeKeys, 'unexpected'), oddValue), { maxLength: 2 }),
    })
    .map(({ changes, drop, extra }) => {
      // Built as text: an object literal cannot carry an own `__proto__` key.
      const entries = Object.entries(base).filter(([key]) => !drop.includes(key));
      const changed = new Map<string, unknown>(entries);
      for (const [key, value] of changes) changed.set(key, value);
      const fields = [...changed, ...extra].map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
      return `{${fields.join(',')}}`;
    });
};

const bodyText = (operation: Operation) =>
  fc.oneof(
    { weight: 5, arbitrary: mutated(operation.example) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('{', '{"a":', '[]', '"text"', '{"a":1}}', '\u0000', '', 'null', '{"a":"\\uD800"}'),
        fc.string({ unit: 'binary', maxLength: 60 }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 3_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    },
    // Over the 64 KB limit (413), and just under it.
    {
      weight: 1,
      arbitrary: fc.constantFrom(66_000, 60_000).map((size) => JSON.stringify({ description: 'x'.repeat(size) })),
    },
  );

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=latin1',
    ),
  },
);

/**
 * URLs stay under 2 KB: past 8 KB CloudFront refuses a request (414) before the API sees it, and
 * Node's HTTP server, the local gateway, at 16 KB (431). A value cut short may end in half an escape.
 */
const maxUrlPart = 2_000;
const pathValue = fc.oneof(
  oddText.map((text) => encodeURIComponent(text.replaceAll(/[\uD800-\uDFFF]/g, 'x')).slice(0, maxUrlPart)),
  fc.constantFrom(
    '%FF',
    '%',
    '%2e%2e',
    '..',
    '%00',
    'A'.repeat(600),
    '7K3M9-Q2TXB',
    'DEMO-BAZAAR',
    'demo-bazaar',
    '%E0%A6',
  ),
);

const queryString = (names: string[]) =>
  fc.oneof(
    fc.array(fc.tuple(fc.constantFrom(...names, ...prototypeKeys), oddText), { maxLength: 4 }).map((pairs) =>
      pairs
        .map(
          ([name, value]) =>
            `${encodeURIComponent(name)}=${encodeURIComponent(value.replaceAll(/[\uD800-\uDFFF]/g, 'x'))}`,
        )
        .join('&')
        .slice(0, maxUrlPart),
    ),
    fc.constantFrom('a=%ZZ', '%FF=1', 'limit=-1', 'limit=1e9', 'cursor=%00', '&&&', '=', 'constructor=1&__proto__=1'),
  );

interface FuzzRequest {
  operation: Operation;
  path: string;
  body?: string;
  contentType?: string;
  idempotencyKey?: string;
}

const requestFor = (operation: Operation): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      parameters: fc.tuple(...operation.pathParameters.map(() => pathValue)),
      query: queryString(operation.queryParameters),
      body: operation.hasBody ? bodyText(operation) : fc.option(bodyText(operation), { freq: 8 }),
      contentType,
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), oddText), { freq: 2 }),
    })
    .map(({ parameters, query, body, contentType, idempotencyKey }) => {
      let index = 0;
      const path = operation.path.replaceAll(/\{\w+\}/g, () => parameters[index++] as string);
      return {
        operation,
        path: query ? `${path}?${query}` : path,
        ...(body !== null && operation.method !== 'GET' && { body, contentType }),
        ...(idempotencyKey !== null && {
          idempotencyKey: idempotencyKey.replaceAll(/[^\x21-\x7e]/g, '').slice(0, 300) || 'k',
        }),
      };
    });

let operations: Operation[];
let consumerSession: Record<string, string>;
let filingsAnswered201 = 0;
const counts = new Map<number, number>();

const keyFor = (access: Access): { key: SeedKey; service: 'ccms' | 'execute-api' } | undefined => {
  const keys = seeds();
  if (access === 'merchant') return { key: keys.merchants['demo-bazaar']!, service: 'ccms' };
  if (access === 'regulator') return { key: keys.regulator, service: 'ccms' };
  if (access === 'operator') return { key: keys.operator, service: 'execute-api' };
  return undefined;
};

/** Sends one fuzzed request as its operation's caller; answers its status, having checked the answer against the document. */
const send = async (fuzzed: FuzzRequest) => {
  const { operation } = fuzzed;
  const extra = {
    // A challenged route (asking for a code) needs the firewall's token, as the web app gets it.
    ...(isChallenged(operation.method, operation.path) && { 'x-aws-waf-token': await wafToken() }),
    ...(fuzzed.idempotencyKey && { 'idempotency-key': fuzzed.idempotencyKey }),
    ...freshClient(),
    ...(operation.access === 'consumer' && consumerSession),
  };
  const signing = keyFor(operation.access);
  let url: string;
  let init: RequestInit;
  if (signing) {
    const signed = await signRequest(signing.key, operation.method, fuzzed.path, undefined, {
      service: signing.service,
      headers: extra,
      ...(fuzzed.body !== undefined && { raw: { text: fuzzed.body, contentType: fuzzed.contentType } }),
    });
    const { host: _host, ...headers } = signed.headers;
    url = signed.url;
    init = { method: operation.method, headers, body: signed.body };
  } else {
    url = `${baseUrl()}${fuzzed.path}`;
    init = {
      method: operation.method,
      headers: { ...(fuzzed.contentType && { 'content-type': fuzzed.contentType }), ...extra },
      body: fuzzed.body,
    };
  }
  const response = await fetch(url, init);
  const body = await bodyOf(response).catch(() => '(not JSON)');
  const where = `${operation.method} ${fuzzed.path.slice(0, 200)} (${operation.access}) answered ${response.status}: ${JSON.stringify(body)?.slice(0, 300)}`;
  if (response.status >= 500 || response.status < 200) throw new Error(where);
  await checkAgainstContract(operation.method, url, response.status, response.headers.get('content-type'), body).catch(
    (error: Error) => {
      throw new Error(`${where}\n${error.message}`);
    },
  );
  counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
  if (operation.method === 'POST' && operation.path === '/v1/complaints' && response.status === 201)
    filingsAnswered201++;
  return response.status;
};

beforeAll(async () => {
  const document = (await request('GET', '/v1/openapi.json')).body as {
    paths: Record<
      string,
      Record<
        string,
        {
          tags: Access[];
          parameters?: { name: string; in: string }[];
          requestBody?: { content: { 'application/json': { example?: unknown } } };
        }
      >
    >;
  };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      access: operation.tags[0]!,
      pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      example: operation.requestBody?.content['application/json'].example,
      hasBody: operation.requestBody !== undefined,
    })),
  );
  consumerSession = await signInVerified(freshPhone());
});

describe('fuzzing every operation of the served OpenAPI document', () => {
  it('answers every generated request with a success or a 4xx in the error format, never a 5xx, and leaves no partial complaint', {
    timeout: 900_000,
  }, async () => {
    console.log(`fuzz: seed ${seed} (repeat with CCMS_FUZZ_SEED=${seed}), ${requestsPerRun} requests`);
    expect(operations.length).toBeGreaterThanOrEqual(40);
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...operations).chain(requestFor), { minLength: inFlight, maxLength: inFlight }),
        async (batch) => {
          await Promise.all(batch.map(send));
        },
      ),
      { seed, numRuns: Math.ceil(requestsPerRun / inFlight), endOnFailure: true },
    );
    const sent = [...counts.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; by status ${JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a - b)))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(requestsPerRun);
    // Every operation was reached, and some answers were refusals of the request itself.
    expect(counts.get(400)).toBeGreaterThan(0);
    // What the fuzzed filings were told is what is stored: each 201 a whole complaint of this consumer, nothing else.
    const complaints: { trackingNumber: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await request(
        'GET',
        `/v1/consumer/complaints?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        consumerSession,
      );
      complaints.push(...(page.body.complaints as { trackingNumber: string }[]));
      cursor = page.body.nextCursor as string | undefined;
    } while (cursor);
    expect(complaints.length).toBe(filingsAnswered201);
    for (const { trackingNumber } of complaints) {
      const read = await request('GET', `/v1/consumer/complaints/${trackingNumber}`, undefined, consumerSession);
      expect(read.status).toBe(200);
    }
  });
});
