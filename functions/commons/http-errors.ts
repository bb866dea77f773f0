/**
 * The one place where errors become HTTP responses. Domain errors carry their own code and a
 * message written for the caller; anything else is logged and answered with a plain 500 that
 * names the request id, never the raw error.
 */
import './zod-english';
import { ZodError } from 'zod';
import {
  AlreadyExistsError,
  ConcurrentChangeError,
  DomainError,
  RefusedError,
  RefusedConflictError,
  ForbiddenError,
  FreshSignInRequiredError,
  IdentityRequiredError,
  InvalidRequestError,
  KeyLimitError,
  NotFoundError,
  OpenComplaintsError,
  RateLimitedError,
  RequestInProgressError,
  ServiceUnavailableError,
  TransitionRefusedError,
  UnauthenticatedError,
} from '../domain/errors';
import { jsonResponse, type HttpResponse } from './http-response';

const statusOf = (error: DomainError): number => {
  if (error instanceof InvalidRequestError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (
    error instanceof ForbiddenError ||
    error instanceof IdentityRequiredError ||
    error instanceof FreshSignInRequiredError
  )
    return 403;
  if (error instanceof ServiceUnavailableError) return 503;
  if (error instanceof NotFoundError) return 404;
  if (
    error instanceof TransitionRefusedError ||
    error instanceof ConcurrentChangeError ||
    error instanceof AlreadyExistsError ||
    error instanceof RequestInProgressError ||
    error instanceof KeyLimitError ||
    error instanceof OpenComplaintsError ||
    error instanceof RefusedConflictError
  ) {
    return 409;
  }
  if (error instanceof RefusedError) return 422;
  if (error instanceof RateLimitedError) return 429;
  return 400;
};

export const fieldErrorsOf = (error: ZodError): Record<string, string> =>
  Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '(body)', issue.message]));

/**
 * AWS answers that mean "too busy just now" once the SDK's own retries are spent (throttling,
 * a transaction conflict, a service error): the caller may retry, so they are 503, not 500. Also
 * when a library wrapped one as its cause (Powertools' idempotency layer wraps a throttled write
 * of its record in IdempotencyPersistenceLayerError); a few causes deep at most.
 */
export const isTransientAwsError = (error: unknown, depth = 0): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  if (isAwsBusy(error)) return true;
  return depth < 3 && 'cause' in error && isTransientAwsError((error as { cause?: unknown }).cause, depth + 1);
};

const isAwsBusy = (error: object): boolean => {
  const { name, $retryable, $fault, $metadata } = error as {
    name?: string;
    $retryable?: unknown;
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if ($metadata === undefined) return false;
  return (
    $retryable !== undefined ||
    $fault === 'server' ||
    [
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'TransactionConflictException',
      'TransactionInProgressException',
    ].includes(name ?? '')
  );
};

/** Middy gives up just before the function's timeout: the work may or may not have happened, and a retry is the caller's remedy. */
const isFunctionTimeout = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'TimeoutError' &&
  (error.cause as { package?: string } | undefined)?.package === '@middy/core';

export const errorResponse = (error: unknown, requestId: string): { response: HttpResponse; unexpected: boolean } => {
  if (isFunctionTimeout(error)) {
    const late = new ServiceUnavailableError(
      'The request took too long. Please try again (with the same Idempotency-Key, if you sent one); a filing already made is refused as a duplicate, naming its tracking number.',
      2,
    );
    return { response: errorResponse(late, requestId).response, unexpected: true };
  }
  if (isTransientAwsError(error)) {
    // Logged like any unexpected error, answered as a retryable one.
    const busy = new ServiceUnavailableError('The service is busy just now. Please try again in a moment.', 2);
    return { response: errorResponse(busy, requestId).response, unexpected: true };
  }
  if (error instanceof ZodError) {
    return errorResponse(
      new InvalidRequestError('Some fields are missing or invalid.', fieldErrorsOf(error)),
      requestId,
    );
  }
  if (error instanceof DomainError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message };
    if (error instanceof InvalidRequestError && Object.keys(error.fieldErrors).length > 0)
      body.fields = error.fieldErrors;
    if (error instanceof TransitionRefusedError) body.currentStatus = error.currentStatus;
    if (error instanceof RefusedError && error.details) body.details = error.details;
    const retryAfter =
      error instanceof RateLimitedError ||
      error instanceof ServiceUnavailableError ||
      error instanceof RequestInProgressError
        ? error.retryAfterSeconds
        : undefined;
    const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
    return { response: jsonResponse(statusOf(error), { error: body }, headers), unexpected: false };
  }
  return {
    response: jsonResponse(500, {
      error: {
        code: 'INTERNAL',
        message: `Something went wrong on our side. Please try again; reference ${requestId}.`,
      },
    }),
    unexpected: true,
  };
};
