import { CommonErrorCode } from './error-codes';

/**
 * Errors the services raise. They carry a machine code and a kind; the HTTP layer
 * (src/platform/http/http-exception.filter.ts) maps the kind to a status in one place.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule'
  | 'too_large'
  | 'unsupported_media';

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is malformed or invalid; `details` maps each field to its problems. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    details: Record<string, string[]> = {},
    code: string = CommonErrorCode.VALIDATION_FAILED,
  ) {
    super('invalid', code, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', CommonErrorCode.NOT_FOUND, `${entity} ${id} does not exist.`, { entity, id });
  }
}

/** A conflict with the current state: duplicates, exhausted seats, records in use. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super('conflict', code, message, details);
  }
}

/** A business rule refused the request (wrong metric, outside scope, limits). */
export class BusinessRuleError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super('rule', code, message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}, code: string = CommonErrorCode.FORBIDDEN) {
    super('forbidden', code, message, details);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication is required.', code: string = CommonErrorCode.UNAUTHORIZED) {
    super('unauthorized', code, message);
  }
}
