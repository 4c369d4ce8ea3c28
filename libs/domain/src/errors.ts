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
  | 'NOT_EMPTY'
  | 'ALREADY_VOTED'
  | 'ALREADY_ACKNOWLEDGED'
  | 'SERIAL_INVALID'
  | 'SERIAL_NOT_FOUND'
  | 'SERIAL_MISMATCH'
  | 'SERIAL_ALREADY_ENTERED'
  | 'SERIAL_VOIDED'
  | 'BINDING_REQUIRED'
  | 'BINDING_MISMATCH'
  | 'IN_ADMISSION_LIST'
  | 'WHISTLE_OPEN'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'IDEMPOTENCY_KEY_REUSED'
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

/** The thing the command would create exists already (a duplicate id, a second evaluation). */
export class AlreadyExistsError extends CodedError {
  readonly code = 'ALREADY_EXISTS';
}

export class UnauthenticatedError extends CodedError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends CodedError {
  readonly code = 'FORBIDDEN';
}

/** Too many attempts; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends CodedError {
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}

/** A request body (an upload) over the limit. */
export class PayloadTooLargeError extends CodedError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class UnsupportedMediaTypeError extends CodedError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

/** A unit has already voted on this resolution (a unit votes once, whatever the channel). */
export class AlreadyVotedError extends CodedError {
  readonly code = 'ALREADY_VOTED';
}

/**
 * The caller's party has acknowledged (签收) this stage already: a repeat writes nothing and says
 * so, rather than a WRONG_STAGE that reads as if the stage could not be acknowledged at all.
 */
export class AlreadyAcknowledgedError extends CodedError {
  readonly code = 'ALREADY_ACKNOWLEDGED';
}

/** The case is not at a point where the command applies (its stage, status or a phase of it). */
export class WrongStageError extends CodedError {
  readonly code = 'WRONG_STAGE';
}

/** The thing still holds what must be moved out before it is deleted (a grid's buildings). */
export class NotEmptyError extends CodedError {
  readonly code = 'NOT_EMPTY';
}

/** A service the platform depends on (an object store, a provider) failed; nothing was written. */
export class UnavailableError extends CodedError {
  readonly code = 'UNAVAILABLE';
}

/** A ballot sheet serial that is not well formed, or whose check character does not match (a typo). */
export class SerialInvalidError extends CodedError {
  readonly code = 'SERIAL_INVALID';
}

/** A well-formed ballot sheet serial that was never issued. */
export class SerialNotFoundError extends CodedError {
  readonly code = 'SERIAL_NOT_FOUND';
}

/** A ballot sheet serial of another resolution, or of another unit than the one named. */
export class SerialMismatchError extends CodedError {
  readonly code = 'SERIAL_MISMATCH';
}

/** The ballot sheet with this serial has been entered already (a serial is entered once). */
export class SerialAlreadyEnteredError extends CodedError {
  readonly code = 'SERIAL_ALREADY_ENTERED';
}

/** The ballot sheet with this serial was voided (a new sheet was issued for its unit). */
export class SerialVoidedError extends CodedError {
  readonly code = 'SERIAL_VOIDED';
}

/**
 * An owner's own online ballot (or a new proxy) for a unit the caller has no active real-name
 * binding (实名绑定) to: bind first, by the registry's numbers or the secretary's approval.
 */
export class BindingRequiredError extends CodedError {
  readonly code = 'BINDING_REQUIRED';
}

/** The certificate and ID numbers given match no owner the registry holds for the unit. */
export class BindingMismatchError extends CodedError {
  readonly code = 'BINDING_MISMATCH';
}

/**
 * A grid refused a demand whose category is on its admission list (网格准入清单): the tasks on the
 * list must be accepted.
 */
export class InAdmissionListError extends CodedError {
  readonly code = 'IN_ADMISSION_LIST';
}

/** A demand cannot be resolved while a whistle the community blew about it is open (部门尚未反馈). */
export class WhistleOpenError extends CodedError {
  readonly code = 'WHISTLE_OPEN';
}
