import { saveSession, type Me, type TokenResponse } from '../../src/services/session';

export const worker: Me = { id: 'u1', nickname: null, mobileMasked: '138****5678', roles: [{ role: 'worker', orgId: null, orgCode: null, orgName: null }] };

export function tokens(n: number, user: Me = worker): TokenResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, accessExpiresIn: 900, user };
}

/** Starts a test logged in with access-1 / refresh-1. */
export function loggedIn(user: Me = worker): void {
  saveSession(tokens(1, user));
}
