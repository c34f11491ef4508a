import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, ErrorCode, type ErrorBody, type FieldError } from '@nuanxin/shared';
import { clearSession, getAccessToken, getRefreshToken, saveSession, type TokenResponse } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Failures that never reached a server answer; not part of the server's ErrorCode. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  HTTP_ERROR: 'HTTP_ERROR',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export const CLIENT_ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '网络超时，请检查网络后重试',
  HTTP_ERROR: '请求失败，请稍后再试',
};

export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived (network failure or timeout). */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fieldErrors: FieldError[];
  readonly requestId?: string;

  constructor(init: { status: number; code: ApiErrorCode; message: string; fieldErrors?: FieldError[]; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId;
  }

  /** True when the request may not have reached the server: safe to offer 重试 with the same key. */
  get isNetworkError(): boolean {
    return this.code === ClientErrorCode.NETWORK_ERROR || this.code === ClientErrorCode.TIMEOUT;
  }

  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

export interface RequestOptions {
  /** One key per user action (see newIdempotencyKey); reused by every retry of that action. */
  idempotencyKey?: string;
  /** Send the bearer token and refresh-then-retry once on 401. Default true. */
  auth?: boolean;
  /** Refresh and retry on 401 (only with auth). Default true. */
  refreshOn401?: boolean;
  timeoutMs?: number;
  /** Extra attempts after a network failure; only idempotent calls (GET or with a key) retry. */
  retries?: number;
  query?: Record<string, string | number | boolean | null | undefined>;
}

export interface HttpClientConfig {
  /** Origin prefixed to every path; '' = same origin. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Wait before each network retry; the last value repeats. */
  retryDelaysMs?: number[];
  retries?: number;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

/** `Retry-After` in whole seconds (the server sends seconds), or null when absent or not a number. */
function retryAfterSeconds(header: Record<string, string> | undefined): number | null {
  const raw = Object.entries(header ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 ? Math.ceil(n) : null;
}

/** 「操作过于频繁」 says how long to wait when the server told us. */
export function rateLimitedMessage(seconds: number): string {
  return seconds < 90 ? `操作过于频繁，请 ${seconds} 秒后再试` : `操作过于频繁，请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}

/** 401 codes that mean "the access token is stale": refresh, then retry once. */
const REFRESHABLE = new Set<string>([ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_INVALID, ErrorCode.UNAUTHENTICATED]);

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** UUID v4; crypto.getRandomValues where the platform has it (H5), Math.random otherwise (weapp). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string';
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400: return ErrorCode.VALIDATION_FAILED;
    case 401: return ErrorCode.UNAUTHENTICATED;
    case 403: return ErrorCode.FORBIDDEN;
    case 404: return ErrorCode.NOT_FOUND;
    case 405: return ErrorCode.METHOD_NOT_ALLOWED;
    case 409: return ErrorCode.CONFLICT;
    case 413: return ErrorCode.PAYLOAD_TOO_LARGE;
    case 415: return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
    case 429: return ErrorCode.RATE_LIMITED;
    case 502: case 503: case 504: return ErrorCode.SERVICE_UNAVAILABLE;
    default: return status >= 500 ? ErrorCode.INTERNAL_ERROR : ClientErrorCode.HTTP_ERROR;
  }
}

function messageFor(code: ApiErrorCode): string {
  return KNOWN_CODES.has(code) ? ERROR_MESSAGES[code as ErrorCode] : CLIENT_ERROR_MESSAGES[code as ClientErrorCode] ?? CLIENT_ERROR_MESSAGES.HTTP_ERROR;
}

/** Maps a non-2xx response to ApiError; the server's `{ code, message, errors }` wins when present. */
export function toApiError(status: number, data: unknown, header?: Record<string, string>): ApiError {
  const body = parseBody(data);
  if (isErrorBody(body)) {
    const code = body.code as ApiErrorCode;
    const wait = code === ErrorCode.RATE_LIMITED ? retryAfterSeconds(header) : null;
    return new ApiError({
      status,
      code,
      message: wait !== null ? rateLimitedMessage(wait) : typeof body.message === 'string' && body.message ? body.message : messageFor(code),
      fieldErrors: Array.isArray(body.errors) ? body.errors : [],
      requestId: body.requestId,
    });
  }
  const code = codeForStatus(status);
  return new ApiError({ status, code, message: messageFor(code) });
}

function networkError(reason: unknown): ApiError {
  const text = String((reason as { errMsg?: string } | null)?.errMsg ?? (reason as Error | null)?.message ?? '');
  const code = /timeout|timed out/i.test(text) ? ClientErrorCode.TIMEOUT : ClientErrorCode.NETWORK_ERROR;
  return new ApiError({ status: 0, code, message: CLIENT_ERROR_MESSAGES[code] });
}

function withQuery(url: string, query: RequestOptions['query']): string {
  if (!query) return url;
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  if (parts.length === 0) return url;
  return url + (url.includes('?') ? '&' : '?') + parts.join('&');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHttpClient(config: HttpClientConfig = {}) {
  const baseUrl = config.baseUrl ?? '';
  const defaultTimeout = config.timeoutMs ?? 15000;
  const retryDelays = config.retryDelaysMs ?? [500, 1500];
  const defaultRetries = config.retries ?? 2;
  // Single flight: every 401 that arrives while a refresh runs waits for that same refresh.
  let refreshing: Promise<void> | null = null;

  function sendOnce(method: HttpMethod, url: string, body: unknown, header: Record<string, string>, timeoutMs: number): Promise<RawResponse> {
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      let task: ReturnType<typeof Taro.request> | undefined;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        try {
          task?.abort?.();
        } catch {
          // already finished
        }
        reject(new ApiError({ status: 0, code: ClientErrorCode.TIMEOUT, message: CLIENT_ERROR_MESSAGES.TIMEOUT }));
      }, timeoutMs);
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      try {
        task = Taro.request({
          url,
          method,
          header,
          data: body === undefined ? undefined : (body as Record<string, unknown>),
          dataType: 'json',
          // The platform's own timeout is a backstop; ours decides.
          timeout: timeoutMs + 1000,
        });
        Promise.resolve(task).then(
          (res) => finish(() => resolve({ statusCode: res.statusCode, data: res.data, header: res.header as Record<string, string> | undefined })),
          (err: unknown) => finish(() => reject(networkError(err))),
        );
      } catch (err) {
        finish(() => reject(networkError(err)));
      }
    });
  }

  async function sendWithRetries(method: HttpMethod, url: string, body: unknown, header: Record<string, string>, timeoutMs: number, retries: number): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendOnce(method, url, body, header, timeoutMs);
      } catch (err) {
        if (!(err instanceof ApiError) || !err.isNetworkError || attempt >= retries) throw err;
        await sleep(retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 0);
      }
    }
  }

  async function refreshTokens(timeoutMs: number): Promise<void> {
    const refreshToken = getRefreshToken();
    if (!refreshToken) {
      clearSession();
      throw new ApiError({ status: 401, code: ErrorCode.UNAUTHENTICATED, message: ERROR_MESSAGES.UNAUTHENTICATED });
    }
    // Never retried: a lost response would make a second try look like refresh-token reuse.
    const res = await sendOnce('POST', baseUrl + '/api/auth/refresh', { refreshToken }, { 'Content-Type': 'application/json', Accept: 'application/json' }, timeoutMs);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      saveSession(parseBody(res.data) as TokenResponse);
      return;
    }
    const error = toApiError(res.statusCode, res.data);
    // The server refused this session: it cannot come back, so forget it. Rate limits (429) and 5xx
    // say nothing about the session: keep it for later.
    if (res.statusCode === 400 || res.statusCode === 401 || res.statusCode === 403) clearSession();
    throw error;
  }

  function ensureFreshToken(usedToken: string | null, timeoutMs: number): Promise<void> {
    const current = getAccessToken();
    // Another request already refreshed after this one was sent: just retry with the new token.
    if (current && current !== usedToken) return Promise.resolve();
    if (!refreshing) {
      refreshing = refreshTokens(timeoutMs).finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  async function request<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const url = withQuery(baseUrl + path, options.query);
    const timeoutMs = options.timeoutMs ?? defaultTimeout;
    const idempotent = method === 'GET' || Boolean(options.idempotencyKey);
    const retries = idempotent ? (options.retries ?? defaultRetries) : 0;
    const useAuth = options.auth !== false;
    const refreshOn401 = useAuth && options.refreshOn401 !== false;

    for (let refreshed = false; ; refreshed = true) {
      const token = useAuth ? getAccessToken() : null;
      const header: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) header['Content-Type'] = 'application/json';
      if (token) header.Authorization = `Bearer ${token}`;
      if (options.idempotencyKey) header['Idempotency-Key'] = options.idempotencyKey;

      const res = await sendWithRetries(method, url, body, header, timeoutMs, retries);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        return (res.statusCode === 204 ? undefined : parseBody(res.data)) as T;
      }
      const error = toApiError(res.statusCode, res.data, res.header);
      const staleToken = res.statusCode === 401 && REFRESHABLE.has(error.code);
      if (!staleToken || !refreshOn401) throw error;
      if (refreshed || !getRefreshToken()) {
        // Refreshed and still refused (or nothing to refresh with): the session is gone.
        clearSession();
        throw error;
      }
      await ensureFreshToken(token, timeoutMs);
    }
  }

  return {
    request,
    get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
    patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
    delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

export const http: HttpClient = createHttpClient({ baseUrl: process.env.TARO_APP_API_BASE ?? '' });
