/**
 * Stable error codes of the public API (../shared/http-api.md). Every error a user can cause carries
 * one; the HTTP layer maps codes to statuses in one place.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONCURRENCY_CONFLICT'
  | 'ALREADY_EXISTS'
  | 'WRONG_STAGE'
  | 'ALREADY_VOTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export type ErrorDetails = Record<string, unknown>;

/** An error with a stable code; the message is safe to show to the caller. */
export abstract class CodedError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends CodedError {
  readonly code = 'VALIDATION_FAILED';
}

export class NotFoundError extends CodedError {
  readonly code = 'NOT_FOUND';
}

export class ConcurrencyConflictError extends CodedError {
  readonly code = 'CONCURRENCY_CONFLICT';
}
