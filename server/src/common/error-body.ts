import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '@nuanxin/shared';
import { DomainError } from './domain-error';

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** true when the error is a fault of ours and must be logged with its stack. */
  fault: boolean;
  /** A known condition of the deployment (DomainError.expected): worth one warning, not an error per request. */
  expected?: boolean;
}

function body(code: ErrorCode, message?: string): ErrorBody {
  return { code, message: message ?? ERROR_MESSAGES[code] };
}

/** Fastify's own errors (body parsing, content type, size) by their `code`. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  // The router's own refusals: a path parameter over 100 characters or a malformed %-escape names no record.
  FST_ERR_MAX_PARAM_LENGTH: { status: 404, code: 'NOT_FOUND' },
  FST_ERR_BAD_URL: { status: 404, code: 'NOT_FOUND' },
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Every error, from any layer, becomes one shape. Messages of our own errors are Chinese; foreign text never leaks. */
export function mapError(err: unknown): MappedError {
  if (err instanceof DomainError) {
    const b: ErrorBody = { code: err.code, message: err.message };
    if (err.errors?.length) b.errors = err.errors;
    if (err.expected) return { status: err.status, body: b, fault: false, expected: true };
    return { status: err.status, body: b, fault: err.status >= 500 };
  }
  if (err instanceof ThrottlerException) return { status: 429, body: body('RATE_LIMITED'), fault: false };
  if (err instanceof HttpException) {
    // Nest wraps Fastify's own 4xx errors (bad JSON, size, content type) and keeps the original as `cause`.
    const fromFastify = err.cause ? mapFastifyError(err.cause) : null;
    if (fromFastify) return fromFastify;
    const status = err.getStatus();
    const code = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    return { status, body: body(code), fault: status >= 500 };
  }
  return mapFastifyError(err) ?? { status: 500, body: body('INTERNAL_ERROR'), fault: true };
}

function mapFastifyError(err: unknown): MappedError | null {
  const e = err as { code?: string; statusCode?: number; name?: string } | undefined;
  if (e?.code && FASTIFY_CODES[e.code]) {
    const m = FASTIFY_CODES[e.code];
    return { status: m.status, body: body(m.code), fault: false };
  }
  if (e?.name === 'SyntaxError' && e.statusCode === 400) return { status: 400, body: body('MALFORMED_JSON'), fault: false };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: body(BY_STATUS[e.statusCode] ?? 'VALIDATION_FAILED'), fault: false };
  }
  return null;
}
