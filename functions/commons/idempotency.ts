/**
 * Idempotency-Key on state-changing consumer and merchant routes, with Powertools idempotency on
 * DynamoDB: a retried request with the same key answers the first response (with
 * `Idempotent-Replayed: true`) without acting again; the same key with a different request is 422.
 * The key is the caller's own: the record is keyed on caller and key, so one caller's key never
 * answers another's request. Only successful responses are kept (a refusal throws, and Powertools
 * deletes the record), so a retry after a refusal is judged afresh. Without the header the request
 * simply runs: the key is honoured, never required.
 */
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { RefusedError, InvalidRequestError, RequestInProgressError } from '../domain/errors';
import { dynamoDbLowLevel } from './clients/dynamodb';
import { nestsWithin } from './json-depth';
import { envNames, loadConfig } from './config';
import { logger } from './logger';
import { rawBody, type HttpEvent } from './http';
import type { HttpResponse } from './http-response';

/**
 * The body as compared between a request and its retry: JSON in one canonical form (keys sorted,
 * no spacing), so a client that serialises the same object another way is answered as a retry,
 * not refused; anything else as sent.
 */
export const canonicalBody = (text: string): string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  // Too deep to walk: left as sent (the request itself is refused as too deep).
  if (!nestsWithin(parsed)) return text;
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
          )
        : value;
  return JSON.stringify(sorted(parsed));
};

/** How long a key is remembered: a day covers any client's retries. */
export const idempotencyWindowSeconds = 24 * 3600;

const keyPattern = /^[\x21-\x7e]{8,255}$/;

interface IdempotentCall {
  /** Who asks (`consumer:<id>`, `merchant:<id>`) and with what key: together, the record's identity. */
  caller: string;
  key: string;
  /** What was asked: the same key with anything else here is refused. */
  request: { method: string; path: string; body: string };
}

/** The idempotency of one function's requests; create once per cold start. */
export const idempotentRequests = () => {
  const tableName = loadConfig({ [envNames.idempotencyTable]: z.string().min(1) })[envNames.idempotencyTable];
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoDbLowLevel() });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[caller, key]',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: idempotencyWindowSeconds,
  });
  const once = makeIdempotent(async (_call: IdempotentCall, work: () => Promise<HttpResponse>) => work(), {
    persistenceStore,
    config,
  });

  return async (
    event: HttpEvent,
    context: Context,
    caller: string,
    work: () => Promise<HttpResponse>,
  ): Promise<HttpResponse> => {
    const key = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'idempotency-key')?.[1];
    if (key === undefined) return work();
    if (!keyPattern.test(key)) {
      throw new InvalidRequestError('Idempotency-Key must be 8 to 255 visible ASCII characters, such as a UUID.', {
        'Idempotency-Key': 'invalid',
      });
    }
    // A Lambda that times out mid-request leaves its record in progress until its remaining time has passed, not for the whole window.
    config.registerLambdaContext(context);
    let ran = false;
    let answered: HttpResponse | undefined;
    try {
      const call = {
        caller,
        key,
        request: { method: event.httpMethod, path: event.path, body: canonicalBody(rawBody(event)) },
      };
      const response = await once(call, async () => {
        ran = true;
        answered = await work();
        return answered;
      });
      return ran ? response : { ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' } };
    } catch (error) {
      // The work is done and only keeping its answer failed (DynamoDB throttled past the SDK's
      // retries): the caller gets the true answer, not a 503 that would make it try a done thing
      // again. A retry with this key meanwhile answers "in progress" until the record expires.
      if (answered !== undefined && error instanceof IdempotencyPersistenceLayerError) {
        logger.warn('The answer was sent but not kept for retries with its Idempotency-Key', {
          error: { name: error.name, cause: (error.cause as Error | undefined)?.name },
        });
        return answered;
      }
      if (error instanceof IdempotencyValidationError) {
        throw new RefusedError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
        );
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new RequestInProgressError(
          'A request with this Idempotency-Key is still being processed. Retry in a moment for its answer.',
        );
      }
      throw error;
    }
  };
};
