import { ERROR_MESSAGES, type ErrorCode, type FieldError } from '@nuanxin/shared';

/** The only error type feature code throws; the global filter turns it into `{ code, message, errors? }`. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message?: string,
    readonly errors?: FieldError[],
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }

  static notFound(message?: string) {
    return new DomainError(404, 'NOT_FOUND', message);
  }
  static forbidden(message?: string) {
    return new DomainError(403, 'FORBIDDEN', message);
  }
  static validation(errors: FieldError[], message?: string) {
    return new DomainError(400, 'VALIDATION_FAILED', message, errors);
  }
}
