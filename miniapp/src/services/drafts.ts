import Taro from '@tarojs/taro';
import { ErrorCode } from '@nuanxin/shared';
import { ApiError, CLIENT_ERROR_MESSAGES, newIdempotencyKey } from './http';

/**
 * Drafts survive a failed submit on a weak signal: the form data and its idempotency key stay in
 * storage, so the page can offer 重试 (even after the app was closed) without creating a duplicate.
 */
export interface Draft<T> {
  data: T;
  /** Reused while the data is unchanged, so a retry of the same action is recognised by the server. */
  idempotencyKey: string;
  savedAt: number;
  /** The last failed submit; `retryable` = the outcome is unknown or temporary, 重试 makes sense. */
  lastError?: { code: string; message: string; retryable: boolean };
}

const PREFIX = 'nx.draft.';
const INDEX_KEY = 'nx.drafts';
const DEFAULT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

function readJson<T>(key: string): T | null {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (typeof raw !== 'string' || raw === '') return null;
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  Taro.setStorageSync(key, JSON.stringify(value));
}

function index(): string[] {
  return readJson<string[]>(INDEX_KEY) ?? [];
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function loadDraft<T>(formId: string, maxAgeMs = DEFAULT_MAX_AGE_MS): Draft<T> | null {
  const draft = readJson<Draft<T>>(PREFIX + formId);
  if (!draft || typeof draft.idempotencyKey !== 'string') return null;
  if (Date.now() - draft.savedAt > maxAgeMs) {
    clearDraft(formId);
    return null;
  }
  return draft;
}

/** Saves the form data; keeps the stored key while the data is unchanged, else starts a new action. */
export function saveDraft<T>(formId: string, data: T, lastError?: Draft<T>['lastError']): Draft<T> {
  const previous = loadDraft<T>(formId);
  const idempotencyKey = previous && sameData(previous.data, data) ? previous.idempotencyKey : newIdempotencyKey();
  const draft: Draft<T> = { data, idempotencyKey, savedAt: Date.now(), ...(lastError ? { lastError } : {}) };
  writeJson(PREFIX + formId, draft);
  const ids = index();
  if (!ids.includes(formId)) writeJson(INDEX_KEY, [...ids, formId]);
  return draft;
}

export function clearDraft(formId: string): void {
  try {
    Taro.removeStorageSync(PREFIX + formId);
    const ids = index().filter((id) => id !== formId);
    writeJson(INDEX_KEY, ids);
  } catch {
    // storage unavailable: nothing to clear
  }
}

/** Drafts can hold personal data (name, ID number): logout removes every one of them. */
export function clearAllDrafts(): void {
  index().forEach((id) => {
    try {
      Taro.removeStorageSync(PREFIX + id);
    } catch {
      // keep going
    }
  });
  try {
    Taro.removeStorageSync(INDEX_KEY);
  } catch {
    // storage unavailable
  }
}

/** Network failures, 5xx and "still running" leave the outcome open: retry with the same key. */
function isRetryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.isNetworkError || err.status >= 500 || err.code === ErrorCode.IDEMPOTENCY_IN_PROGRESS;
}

/**
 * Submits `data` under the draft's idempotency key. Success clears the draft. Failure keeps the data
 * and records the error; a definite refusal (4xx) also drops the key, because that action did not happen.
 */
export async function submitWithDraft<T, R>(
  formId: string,
  data: T,
  submit: (data: T, idempotencyKey: string) => Promise<R>,
): Promise<R> {
  const draft = saveDraft(formId, data);
  try {
    const result = await submit(data, draft.idempotencyKey);
    clearDraft(formId);
    return result;
  } catch (err) {
    const retryable = isRetryable(err);
    const lastError = {
      code: err instanceof ApiError ? err.code : 'UNKNOWN',
      message: err instanceof Error && err.message ? err.message : CLIENT_ERROR_MESSAGES.NETWORK_ERROR,
      retryable,
    };
    const kept: Draft<T> = retryable
      ? { ...draft, savedAt: Date.now(), lastError }
      : { data, idempotencyKey: newIdempotencyKey(), savedAt: Date.now(), lastError };
    writeJson(PREFIX + formId, kept);
    throw err;
  }
}
