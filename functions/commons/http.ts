/**
 * The middy chain every HTTP function uses: logger context and metrics first (commons/telemetry.ts),
 * then the error mapper, so every error thrown by the handler or a later middleware becomes a
 * clear JSON response.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { z } from 'zod';
import { InvalidRequestError, UnauthenticatedError } from '../domain/errors';
import { errorResponse, fieldErrorsOf, isTransientAwsError } from './http-errors';
import type { HttpResponse } from './http-response';
import { logger } from './logger';
import { maxJsonDepth, nestsWithin } from './json-depth';
import { viewerAddressHeader } from './viewer-headers';
import { countUnexpectedError, observedChain } from './telemetry';

export type HttpEvent = APIGatewayProxyEvent;

const mapErrors = (): MiddlewareObj<HttpEvent, HttpResponse> => ({
  onError: async (request) => {
    const { response, unexpected } = errorResponse(request.error, request.context.awsRequestId);
    if (unexpected) logger.error('Request failed unexpectedly', { error: request.error as Error });
    // A defect or running out of time, which a release is rolled back for; not AWS being busy (503, retried).
    if (unexpected && !isTransientAwsError(request.error)) countUnexpectedError();
    request.response = response;
  },
});

/** Requests about one complaint carry its tracking number as the correlation id of every log line. */
export const httpHandler = (handle: (event: HttpEvent, context: Context) => Promise<HttpResponse>) =>
  observedChain<HttpEvent, HttpResponse>({ correlationId: (event) => event.pathParameters?.trackingNumber })
    .use(mapErrors())
    .handler(handle);

/** The raw body as sent (API Gateway base64-encodes binary bodies). */
/**
 * The caller's own address. Behind CloudFront, API Gateway's sourceIp is CloudFront's, shared by
 * every viewer of an edge; the site's CloudFront Function sets the viewer's as viewerAddressHeader,
 * overwriting any value the viewer sent (viewer-headers.ts). The API's web ACL refuses requests
 * that did not come through CloudFront (the origin header), so the header is CloudFront's own;
 * without it (the operators' admin calls, the local cloud), sourceIp.
 */
export const viewerAddress = (event: HttpEvent): string => {
  const forwarded = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === viewerAddressHeader,
  )?.[1];
  return forwarded?.trim() || event.requestContext.identity.sourceIp;
};

export const rawBody = (event: HttpEvent): string =>
  event.body == null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

export const parseJsonBody = <S extends z.ZodType>(event: HttpEvent, schema: S): z.output<S> => {
  const text = rawBody(event);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidRequestError(
      text.trim() === '' ? 'The request needs a JSON body.' : 'The request body is not valid JSON.',
    );
  }
  if (!nestsWithin(json))
    throw new InvalidRequestError(`The request body nests more than ${maxJsonDepth} levels deep.`);
  const malformed = malformedTextIn(json);
  if (malformed !== undefined)
    throw new InvalidRequestError('Some fields are missing or invalid.', {
      [malformed || '(body)']: 'is not well-formed text (it holds a lone UTF-16 surrogate)',
    });
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new InvalidRequestError('Some fields are missing or invalid.', fieldErrorsOf(parsed.error));
  return parsed.data;
};

/**
 * Where in a parsed body a string (a value or a key) is not well-formed Unicode: JSON's \ud800
 * escapes can carry half a surrogate pair, which would be stored and shown as U+FFFD. The path in
 * fieldErrorsOf's form, '' for the body itself; undefined when all is well. Called on a body that
 * nests within maxJsonDepth, so its recursion is bounded.
 */
const loneSurrogate = /\p{Cs}/u;
const malformedTextIn = (value: unknown, path = ''): string | undefined => {
  if (typeof value === 'string') return loneSurrogate.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (loneSurrogate.test(key)) return at;
    const found = malformedTextIn(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
};

/**
 * The consumer this request acts for, as established by the API's consumer authorizer. Until
 * consumer sessions exist no deployed route sets it, so the deployed stack refuses consumer calls.
 */
export const consumerOf = (event: HttpEvent): string => {
  const consumerId = event.requestContext?.authorizer?.consumerId;
  if (typeof consumerId !== 'string' || consumerId === '') {
    throw new UnauthenticatedError('Verify your mobile number before filing or managing a complaint.');
  }
  return consumerId;
};

/** The consumer and when their session was opened (a new code), for routes that need a recent sign-in. */
export const consumerSessionOf = (event: HttpEvent) => {
  const signedInAt = event.requestContext?.authorizer?.signedInAt;
  return { consumerId: consumerOf(event), ...(typeof signedInAt === 'string' && { signedInAt }) };
};
