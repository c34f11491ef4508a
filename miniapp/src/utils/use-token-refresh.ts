import { useEffect, useState } from 'react';
import { MIN_REFRESH_MS, tokenRefreshDelay } from '../pages/card/card-timing';

export interface RefreshingToken {
  token: string;
  tokenExpiresAt: string;
}

/**
 * A QR token that must stay fresh while shown (the member card, a coupon): `load` runs shortly before it expires
 * (soon again after a failed load, `failedAt` ≠ 0), only while `visible`. True once the shown token has expired.
 */
export function useTokenRefresh(current: RefreshingToken | null | undefined, visible: boolean, failedAt: number, load: () => void, ttlMs?: number): boolean {
  // Expiry of the token whose time ran out (a late timer cannot dim a newer token).
  const [expiredAt, setExpiredAt] = useState<string | null>(null);
  const expiresAt = current?.tokenExpiresAt;
  useEffect(() => {
    if (!expiresAt || !visible) return;
    const refresh = setTimeout(load, failedAt ? MIN_REFRESH_MS : tokenRefreshDelay(expiresAt, Date.now(), ttlMs));
    const expiresIn = new Date(expiresAt).getTime() - Date.now();
    const expiry = setTimeout(() => setExpiredAt(expiresAt), Math.max(expiresIn, 0));
    return () => {
      clearTimeout(refresh);
      clearTimeout(expiry);
    };
  }, [current, expiresAt, visible, failedAt, load, ttlMs]);
  return Boolean(expiresAt && expiredAt === expiresAt);
}
