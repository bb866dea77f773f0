/**
 * The named errors of the domain. Each carries a stable `code` callers can branch on;
 * functions/commons/http-errors.ts maps them to HTTP statuses in one place.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request itself is malformed: a field is missing, mistyped or out of range. */
export class InvalidRequestError extends DomainError {
  readonly code = 'INVALID_REQUEST';
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The request is well-formed but a rule refuses it (422 with its own code): a filing's pre-checks, an evidence limit, a reused Idempotency-Key... */
export class RefusedError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    /** What a form needs to explain the refusal (the grievance officer's contact, a date, a tracking number). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A refusal because of what the item is now (409 with its own code): a case in a collective case, a collective case decided, an order count reported meanwhile. */
export class RefusedConflictError extends RefusedError {}

/** The consumer still has open complaints, which an erasure of their data would leave without a party (409, naming them). */
export class OpenComplaintsError extends RefusedError {
  constructor(message: string, details: { complaints: { trackingNumber: string; status: string }[] }) {
    super('OPEN_COMPLAINTS', message, details);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The caller is not identified (no or bad credentials). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller is identified but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** The lifecycle does not allow this action from the complaint's current status. */
export class TransitionRefusedError extends DomainError {
  readonly code = 'TRANSITION_REFUSED';
  constructor(
    message: string,
    readonly currentStatus: string,
  ) {
    super(message);
  }
}

/** Someone else changed the complaint between our read and our write; the caller may re-read and retry. */
export class ConcurrentChangeError extends DomainError {
  readonly code = 'CONCURRENT_CHANGE';
  constructor(readonly trackingNumber: string) {
    super(`Complaint ${trackingNumber} was changed by another request; read it again and retry.`);
  }
}

/** A request with the same Idempotency-Key is still being processed; its answer comes on a retry. */
export class RequestInProgressError extends DomainError {
  readonly code = 'REQUEST_IN_PROGRESS';
  readonly retryAfterSeconds = 1;
}

/** Too many requests; `retryAfterSeconds` tells the caller when to try again. */
export class RateLimitedError extends DomainError {
  readonly code: 'RATE_LIMITED' | 'MESSAGES_TODAY_USED' = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A party wrote the messages it may write on a complaint today (429 until midnight in Dhaka: functions/domain/conversation.ts). */
export class MessagesTodayUsedError extends RateLimitedError {
  override readonly code = 'MESSAGES_TODAY_USED';
}

/** The consumer must verify their identity (NID or birth registration) before this. */
export class IdentityRequiredError extends DomainError {
  readonly code = 'IDENTITY_REQUIRED';
}

/** The consumer must have signed in (a new code) within the last minutes before this: a session left open is not enough. */
export class FreshSignInRequiredError extends DomainError {
  readonly code = 'FRESH_SIGN_IN_REQUIRED';
}

/** A service we depend on (e.g. the national ID gateway) cannot answer now; the caller may retry later. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    message: string,
    /** When to try again, if known (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Something with this identity already exists (a merchant id, a regulator id). */
export class AlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
}

/** The principal already has the most active keys allowed; one must be revoked first. */
export class KeyLimitError extends DomainError {
  readonly code = 'TOO_MANY_KEYS';
}
