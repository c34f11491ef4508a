import Taro from '@tarojs/taro';
import { normalizeMobile } from '@nuanxin/shared';
import { clearAllDrafts } from './drafts';
import { ApiError, http } from './http';
import { clearSession, getAccessToken, getRefreshToken, getStoredUser, saveSession, saveUser, type Me, type TokenResponse } from './session';

export type { Me, MeRole, TokenResponse } from './session';
export { getStoredUser, onSessionChange } from './session';

/** An account the server offers for one-tap login outside production (GET /api/auth/demo-users). */
export interface DemoUser {
  openid: string;
  label: string;
  roles: string[];
  /** Listed together under this heading (the six districts' catch-all officers), each by `short`. */
  group?: string | null;
  short?: string | null;
}

export interface SmsSendResult {
  /** Seconds before another code may be requested. */
  cooldownSeconds: number;
}

export function isLoggedIn(): boolean {
  return Boolean(getAccessToken() && getRefreshToken());
}

async function login(path: string, body: Record<string, string>): Promise<Me> {
  const tokens = await http.post<TokenResponse>(path, body, { auth: false });
  saveSession(tokens);
  return tokens.user;
}

/** weapp: exchanges a wx.login code for our tokens. */
export async function loginWithWechat(): Promise<Me> {
  const { code } = await Taro.login();
  return login('/api/auth/wechat', { code });
}

export function sendSmsCode(mobile: string): Promise<SmsSendResult> {
  return http.post<SmsSendResult>('/api/auth/sms/send', { mobile: normalizeMobile(mobile) }, { auth: false });
}

export function loginWithSms(mobile: string, code: string): Promise<Me> {
  return login('/api/auth/sms/verify', { mobile: normalizeMobile(mobile), code: code.trim() });
}

/** Empty when dev login is off (the server answers []); null when the server cannot say. */
export async function fetchDemoUsers(): Promise<DemoUser[] | null> {
  try {
    const users = await http.get<DemoUser[]>('/api/auth/demo-users', { auth: false, retries: 0 });
    return Array.isArray(users) ? users : null;
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
}

export function loginAsDemoUser(openid: string): Promise<Me> {
  return login('/api/auth/dev', { openid });
}

/** Reloads the current user; the stored copy lets pages render before it answers. */
export async function fetchMe(): Promise<Me> {
  const me = await http.get<Me>('/api/me');
  saveUser(me);
  return me;
}

/** Ends the session on the server when reachable; local tokens are cleared in every case. */
export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken();
  try {
    if (refreshToken) await http.post<void>('/api/auth/logout', { refreshToken }, { refreshOn401: false, timeoutMs: 5000 });
  } catch {
    // Offline or already expired: the token dies on its own; forgetting it here is what matters.
  } finally {
    clearSession();
    clearAllDrafts();
  }
}

export function currentUser(): Me | null {
  return isLoggedIn() ? getStoredUser() : null;
}
