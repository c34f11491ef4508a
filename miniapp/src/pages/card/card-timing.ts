import { CARD_TOKEN_TTL_SECONDS } from '@nuanxin/shared';

/** Fetch a new QR token this long before the current one expires. */
export const REFRESH_AHEAD_MS = 30_000;
/** Never refetch more often than this, whatever the clocks say. */
export const MIN_REFRESH_MS = 10_000;

/**
 * When to fetch the next token (`ttlMs`: the token's lifetime, the member card's by default). The phone's clock may be off from the server's, so the lifetime left is
 * capped at the token TTL and the wait never drops below MIN_REFRESH_MS (no refetch storm).
 */
export function tokenRefreshDelay(tokenExpiresAt: string, now: number = Date.now(), ttlMs: number = CARD_TOKEN_TTL_SECONDS * 1000): number {
  const left = new Date(tokenExpiresAt).getTime() - now;
  const lifetime = Number.isFinite(left) ? Math.min(left, ttlMs) : 0;
  return Math.max(lifetime - REFRESH_AHEAD_MS, MIN_REFRESH_MS);
}
