import Taro from '@tarojs/taro';
import type { Role } from '@nuanxin/shared';

export interface MeRole {
  role: Role;
  orgId: string | null;
  orgCode: string | null;
  orgName: string | null;
}

/** GET /api/me and the `user` of every token response. */
export interface Me {
  id: string;
  nickname: string | null;
  mobileMasked: string | null;
  roles: MeRole[];
}

/** Body of every login route and of POST /api/auth/refresh. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  accessExpiresIn: number;
  user: Me;
}

const KEYS = {
  access: 'nx.accessToken',
  refresh: 'nx.refreshToken',
  expiresAt: 'nx.accessExpiresAt',
  user: 'nx.user',
} as const;

type Listener = (user: Me | null) => void;
const listeners = new Set<Listener>();

function read(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

function notify(user: Me | null): void {
  listeners.forEach((listener) => listener(user));
}

export function getAccessToken(): string | null {
  return read(KEYS.access);
}

export function getRefreshToken(): string | null {
  return read(KEYS.refresh);
}

export function getStoredUser(): Me | null {
  const raw = read(KEYS.user);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Me;
  } catch {
    return null;
  }
}

/** Stores a token response; refresh tokens rotate, so the new one always replaces the old. */
export function saveSession(tokens: TokenResponse): void {
  Taro.setStorageSync(KEYS.access, tokens.accessToken);
  Taro.setStorageSync(KEYS.refresh, tokens.refreshToken);
  Taro.setStorageSync(KEYS.expiresAt, String(Date.now() + tokens.accessExpiresIn * 1000));
  Taro.setStorageSync(KEYS.user, JSON.stringify(tokens.user));
  notify(tokens.user);
}

export function saveUser(user: Me): void {
  Taro.setStorageSync(KEYS.user, JSON.stringify(user));
  notify(user);
}

export function clearSession(): void {
  Object.values(KEYS).forEach((key) => {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // storage unavailable: nothing left to clear
    }
  });
  notify(null);
}

/** Called with the user after login/refresh and with null after logout or a lost session. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
