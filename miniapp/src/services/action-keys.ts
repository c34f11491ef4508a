import { ErrorCode } from '@nuanxin/shared';
import { ApiError, newIdempotencyKey } from './http';

/** Network failures, 5xx and "still running" leave the outcome open: the retry must reuse the key. */
export function isOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.isNetworkError || err.status >= 500 || err.code === ErrorCode.IDEMPOTENCY_IN_PROGRESS;
}

/**
 * One Idempotency-Key per user action on an object: the same action with the same body after a failure whose
 * outcome is unknown reuses its key (the server replays instead of acting twice); anything else gets a new one.
 */
export function createActionKeys() {
  const pending = new Map<string, { body: string; key: string }>();
  return {
    keyFor(action: string, body: unknown): string {
      const text = JSON.stringify(body ?? null);
      const kept = pending.get(action);
      if (kept && kept.body === text) return kept.key;
      const key = newIdempotencyKey();
      pending.set(action, { body: text, key });
      return key;
    },
    /** Call after the request: success or a definite refusal frees the key. */
    settle(action: string, err?: unknown): void {
      if (err === undefined || !isOutcomeUnknown(err)) pending.delete(action);
    },
  };
}
export type ActionKeys = ReturnType<typeof createActionKeys>;
