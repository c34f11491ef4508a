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

  /**
   * A known condition of this deployment, not a fault (e.g. WeChat login not configured): answered with its
   * status like any other, but logged once per process at warn, without a stack, instead of an error per request.
   */
  expected = false;

  static expected(status: number, code: ErrorCode, message?: string) {
    const err = new DomainError(status, code, message);
    err.expected = true;
    return err;
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
