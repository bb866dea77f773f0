/**
 * The local HTTP gateway: the routes of functions/catalog.ts (the table the CDK API is built
 * from), each turned into an API Gateway REST proxy event for the same handler. Also serves the
 * dev-only endpoints under /__local, which exist nowhere in the deployed stack.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LocalWafChallenge } from './waf-challenge';
import {
  integrationTimeoutSeconds,
  maxRequestBodyBytes,
  payloadTooLargeResponse,
  routes,
  unauthenticatedResponse,
  type Route,
} from '../functions/catalog';

/**
 * Runs the route's authorization as API Gateway would: the authorizer context it grants, or the
 * IAM caller it established; undefined means refused.
 */
export type Authorize = (
  route: Route,
  event: APIGatewayProxyEvent,
) => Promise<{ authorizer?: Record<string, string>; identity?: { userArn: string } } | undefined>;

/**
 * What API Gateway answers itself, in the API's error format as its gateway responses give it
 * (infra/api-stack.ts: the response type as the code): an operator route's IAM refusal, unsigned
 * or not allowed, and its own integration timeout.
 */
const gatewayError = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
});
const iamRefusal = (signed: boolean) =>
  signed
    ? gatewayError(
        403,
        'ACCESS_DENIED',
        'Admin routes need an IAM-signed request (SigV4, service execute-api) from an operator.',
      )
    : gatewayError(403, 'MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token');
const integrationTimeout = gatewayError(504, 'INTEGRATION_TIMEOUT', 'Endpoint request timed out');

export interface DevEndpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Answers JSON, or text of its own `contentType` (a script). */
  handle: (body: unknown, query: URLSearchParams) => Promise<{ status: number; body: unknown; contentType?: string }>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  parameterNames: string[];
}

const compile = (route: Route): CompiledRoute => {
  const parameterNames: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), parameterNames };
};

const compiledRoutes = routes.map(compile);

/**
 * The route a request reaches, as API Gateway chooses it: a literal path segment wins over a
 * {parameter} (/v1/complaints/precheck is its own resource, not a tracking number), whichever
 * methods it has. `methods`: what the chosen path accepts, for a 405.
 */
export const resolveRoute = (method: string, pathname: string) => {
  const allMatches = compiledRoutes
    .map((candidate) => ({ candidate, match: candidate.pattern.exec(pathname) }))
    .filter((m) => m.match !== null);
  const fewestParameters = Math.min(...allMatches.map((m) => m.candidate.parameterNames.length));
  const matches = allMatches.filter((m) => m.candidate.parameterNames.length === fewestParameters);
  const found = matches.find((m) => m.candidate.route.method === method);
  const methods = matches.map((m) => m.candidate.route.method);
  if (!found) return { methods };
  const { route, parameterNames } = found.candidate;
  let pathParameters: Record<string, string>;
  try {
    pathParameters = Object.fromEntries(
      parameterNames.map((name, i) => [name, decodeURIComponent(found.match![i + 1]!)]),
    );
  } catch {
    // Malformed percent-encoding (%FF): no value to pass on.
    return { methods, malformed: true };
  }
  return { route, methods, pathParameters };
};

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body, null, 1));
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBodyBytes) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

class BodyTooLarge extends Error {}

const webTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** The web app's build folder, and the security headers its pages are sent with (as CloudFront sends them). */
export interface LocalWeb {
  root: string;
  headers?: Record<string, string>;
}

/**
 * A file of the web build, or index.html for any page path (the app routes it), as the deployed
 * distribution does. Hashed assets are cached for a year; index.html is always asked again.
 */
const serveWeb = async (
  { root, headers }: LocalWeb,
  pathname: string,
  method: string,
  response: ServerResponse,
  accepts?: string | string[],
) => {
  let file: string | undefined;
  try {
    file = path.join(root, decodeURIComponent(pathname));
  } catch {
    // A page path is index.html however it is spelled (the distribution's function looks for a dot only).
    if (pathname.includes('.'))
      return json(response, 400, { error: { code: 'INVALID_REQUEST', message: 'The path is not valid.' } });
  }
  // Nothing outside the build, however the path is spelled.
  const inside = file?.startsWith(root + path.sep);
  const found = inside && file && (await stat(file).catch(() => undefined))?.isFile();
  if (!found && pathname.startsWith('/assets/'))
    return json(response, 404, { error: { code: 'NOT_FOUND', message: `There is no ${pathname}.` } });
  const served = found && file ? file : path.join(root, 'index.html');
  const body = await readFile(served).catch(() => undefined);
  if (!body)
    return json(response, 503, {
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The web app is not built: run npm run web:build.' },
    });
  // Text is sent compressed when the browser accepts it, as CloudFront does.
  const compressed =
    /gzip/.test(String(accepts ?? '')) && ['.html', '.js', '.css', '.json'].includes(path.extname(served));
  response.writeHead(200, {
    'content-type': webTypes[path.extname(served)] ?? 'application/octet-stream',
    ...(compressed && { 'content-encoding': 'gzip', vary: 'accept-encoding' }),
    'cache-control': served.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(method === 'HEAD' ? undefined : compressed ? gzipSync(body) : body);
};

/**
 * An open-data file, as CloudFront reads it from its bucket: the file with its own type and
 * Cache-Control. A missing file is S3's 403 AccessDenied, as CloudFront passes it on: its origin
 * access may read objects, not list the bucket, so S3 does not say whether a key exists.
 */
const serveOpenData = async (origin: string, pathname: string, method: string, response: ServerResponse) => {
  // A file's own name only (no dot-segment, no encoded slash): nothing outside open-data/ of its bucket.
  const named = /^\/open-data\/complaints\/[A-Za-z0-9-]+\.(csv|json)$/.test(pathname);
  const stored = named ? await fetch(`${origin}${pathname}`, { method }) : undefined;
  if (!stored?.ok) {
    response.writeHead(403, { 'content-type': 'application/xml' });
    return response.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    );
  }
  response.writeHead(200, {
    'content-type': stored.headers.get('content-type') ?? 'application/octet-stream',
    'cache-control': stored.headers.get('cache-control') ?? 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (method === 'HEAD' || !stored.body) return response.end();
  for await (const chunk of stored.body) response.write(chunk);
  response.end();
};

const timedOut = Symbol('integration timed out');

export class LocalGateway {
  private server?: Server;

  constructor(
    private readonly invoke: (route: Route, event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>,
    private readonly authorize: Authorize,
    private readonly devEndpoints: DevEndpoint[],
    /** The web app's build, served for every GET outside /v1 and /__local, as CloudFront does in AWS. */
    private readonly web?: LocalWeb,
    private readonly options: {
      /** How long an integration may take before the gateway answers 504, as API Gateway's 29 seconds. */
      integrationTimeoutMs?: number;
      /** The web ACL's challenge (local/waf-challenge.ts); none: nothing is challenged. */
      challenge?: LocalWafChallenge;
      /** Where /open-data/* is read from (the open-data bucket on s3rver), as CloudFront's behaviour sends it to S3. */
      openDataOrigin?: string;
    } = {},
  ) {}

  async listen(port: number): Promise<number> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        console.error('local gateway:', error);
        if (!response.headersSent)
          json(response, 500, { error: { code: 'INTERNAL', message: 'The local gateway failed; see its console.' } });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, resolve);
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close() {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return json(response, payloadTooLargeResponse.status, payloadTooLargeResponse.body);
      throw error;
    }

    const dev = this.devEndpoints.filter((endpoint) => endpoint.path === url.pathname);
    if (dev.length > 0) {
      const endpoint = dev.find((candidate) => candidate.method === method);
      if (!endpoint)
        return json(response, 405, {
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `${url.pathname} accepts ${dev.map((d) => d.method).join(', ')}.`,
          },
        });
      let parsed: unknown;
      if (body.trim() !== '') {
        try {
          parsed = JSON.parse(body);
        } catch {
          return json(response, 400, {
            error: { code: 'INVALID_REQUEST', message: 'The request body is not valid JSON.' },
          });
        }
      }
      const result = await endpoint.handle(parsed, url.searchParams);
      if (result.contentType) {
        response.writeHead(result.status, { 'content-type': result.contentType, 'cache-control': 'no-store' });
        return response.end(String(result.body));
      }
      return json(response, result.status, result.body);
    }

    if (
      this.options.openDataOrigin &&
      (method === 'GET' || method === 'HEAD') &&
      url.pathname.startsWith('/open-data/')
    )
      return serveOpenData(this.options.openDataOrigin, url.pathname, method, response);

    if (
      this.web &&
      (method === 'GET' || method === 'HEAD') &&
      !url.pathname.startsWith('/v1/') &&
      !url.pathname.startsWith('/__local')
    ) {
      return serveWeb(this.web, url.pathname, method, response, request.headers['accept-encoding']);
    }

    // The web ACL comes before the API: a challenged request without a token never reaches it.
    if (this.options.challenge?.refuses(method, url.pathname, request.headers)) {
      response.writeHead(202, { 'x-amzn-waf-action': 'challenge', 'content-length': '0' });
      return response.end();
    }
    const { route, methods, pathParameters, malformed } = resolveRoute(method, url.pathname);
    if (malformed)
      return json(response, 400, { error: { code: 'INVALID_REQUEST', message: 'The path is not valid.' } });
    if (!route) {
      return methods.length > 0
        ? json(response, 405, {
            error: { code: 'METHOD_NOT_ALLOWED', message: `${url.pathname} accepts ${methods.join(', ')}.` },
          })
        : json(response, 404, { error: { code: 'NOT_FOUND', message: `There is no ${method} ${url.pathname}.` } });
    }
    const event = this.toEvent(request, url, route, pathParameters, body);
    const granted = await this.authorize(route, event);
    if (!granted) {
      const refusal =
        route.access === 'operator' ? iamRefusal(event.headers.authorization !== undefined) : unauthenticatedResponse;
      return json(response, refusal.status, refusal.body);
    }
    if (granted.authorizer) event.requestContext.authorizer = granted.authorizer;
    if (granted.identity)
      event.requestContext.identity = { ...event.requestContext.identity, userArn: granted.identity.userArn };
    const result = await this.withinIntegrationTimeout(this.invoke(route, event));
    if (result === timedOut) return json(response, integrationTimeout.status, integrationTimeout.body);
    response.writeHead(result.statusCode, result.headers as Record<string, string>);
    response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }

  /** API Gateway stops waiting and answers 504 on its own; the function runs on, and its answer is lost. */
  private async withinIntegrationTimeout<T>(work: Promise<T>): Promise<T | typeof timedOut> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(
        () => resolve(timedOut),
        this.options.integrationTimeoutMs ?? integrationTimeoutSeconds * 1000,
      );
    });
    try {
      return await Promise.race([work, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private toEvent(
    request: IncomingMessage,
    url: URL,
    route: Route,
    pathParameters: Record<string, string>,
    body: string,
  ): APIGatewayProxyEvent {
    const headers: Record<string, string> = {};
    const multiValueHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      headers[name] = values.join(',');
      multiValueHeaders[name] = values;
    }
    // Maps, not objects: a key named constructor or __proto__ is a key like any other.
    const query = new Map<string, string>();
    const multiValue = new Map<string, string[]>();
    for (const [name, value] of url.searchParams) {
      query.set(name, value);
      multiValue.set(name, [...(multiValue.get(name) ?? []), value]);
    }
    const requestId = randomUUID();
    return {
      resource: route.path,
      path: url.pathname,
      httpMethod: route.method,
      headers,
      multiValueHeaders,
      queryStringParameters: query.size ? Object.fromEntries(query) : null,
      multiValueQueryStringParameters: multiValue.size ? Object.fromEntries(multiValue) : null,
      pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
      stageVariables: null,
      body: body === '' ? null : body,
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        authorizer: null,
        protocol: 'HTTP/1.1',
        httpMethod: route.method,
        path: url.pathname,
        stage: 'local',
        requestId,
        requestTimeEpoch: Date.now(),
        resourceId: route.path,
        resourcePath: route.path,
        // Locally, X-Forwarded-For stands for distinct clients (tests of per-source limits); API Gateway uses the connection.
        identity: {
          sourceIp: headers['x-forwarded-for']?.split(',')[0]?.trim() || (request.socket.remoteAddress ?? '127.0.0.1'),
          userAgent: headers['user-agent'] ?? null,
        } as APIGatewayProxyEvent['requestContext']['identity'],
      },
    };
  }
}
