import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { SMS_RULES } from '../src/auth/sms.service';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

/** Only Date is faked: timers, I/O and the database run for real, so requests behave as they do at that instant. */
const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
const at = (ms: number) => jest.useFakeTimers({ now: ms, advanceTimers: true, doNotFake: [...REAL] });
const DAY = 86400_000;

/** Issue 16's test holes in sign-in: refresh tokens run out; a new SMS code voids the older ones. */
describe('sign-in: refresh-token expiry and SMS code replacement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REFRESH_TTL_DAYS: '30' });
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
  const me = (accessToken: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${accessToken}` } });

  it('a refresh token works until its 30 days are up and is refused after, without harming the rotated one', async () => {
    const start = Date.now();
    at(start);
    const s = await devLogin(t.app, 'holes-refresh-1');

    at(start + 30 * DAY - 60_000); // a minute before it runs out
    const rotated = await refresh(s.refreshToken);
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json() as { accessToken: string; refreshToken: string };
    expect((await me(next.accessToken)).statusCode).toBe(200);

    at(start + 30 * DAY + 60_000); // the first token's day 30 is over; the successor has 30 days of its own
    const ok = await refresh(next.refreshToken);
    expect(ok.statusCode).toBe(200);

    const other = await devLogin(t.app, 'holes-refresh-2');
    at(start + 30 * DAY + 60_000 + 30 * DAY + 60_000);
    const late = await refresh(other.refreshToken);
    expect([late.statusCode, late.json().code]).toEqual([401, 'REFRESH_TOKEN_INVALID']);
    // The access token of that session ran out long before (15 minutes).
    expect((await me(other.accessToken)).statusCode).toBe(401);
  });

  it('an expired refresh token is refused each time as REFRESH_TOKEN_INVALID, never mistaken for a reuse', async () => {
    const start = Date.now();
    at(start);
    const s = await devLogin(t.app, 'holes-refresh-3');
    at(start + 31 * DAY);
    expect((await refresh(s.refreshToken)).json().code).toBe('REFRESH_TOKEN_INVALID');
    expect((await refresh(s.refreshToken)).json().code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('a new SMS code voids the older one: the old code is refused, the new one signs in', async () => {
    const mobile = '13912340016';
    const sender = t.app.get(SmsSender) as TestSmsSender;
    const send = () => t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile } });
    const verify = (code: string) => t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code } });
    const start = Date.now();
    at(start);
    expect((await send()).statusCode).toBe(200);
    const first = sender.lastCodeFor(mobile)!;
    at(start + SMS_RULES.cooldownMs + 1_000); // after the 60 s cooldown, well within the first code's 5 minutes
    expect((await send()).statusCode).toBe(200);
    const second = sender.lastCodeFor(mobile)!;
    expect(second).not.toBeUndefined();

    if (first !== second) {
      const old = await verify(first);
      expect(old.statusCode).toBe(400);
      expect(old.json().code).toBe('SMS_CODE_INVALID');
    }
    const res = await verify(second);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mobileMasked).toBe('139****0016');
    // Both codes are spent now: neither signs in again.
    for (const code of [first, second]) expect((await verify(code)).json().code).toBe('SMS_CODE_EXPIRED');
  });
});
