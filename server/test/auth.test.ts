import { JwtService } from '@nestjs/jwt';
import { startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';
import { TestSmsSender, SmsSender } from '../src/auth/sms.sender';
import { SmsService } from '../src/auth/sms.service';
import { SmsCode } from '../src/auth/sms-code.entity';
import { piiHash } from '../src/pii/pii-cipher';

describe('auth', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await createTestApp({ WECHAT_APPID: 'wx-test-appid', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: wechat.baseUrl, JWT_ACCESS_TTL: '60' });
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });

  describe('WeChat code2Session', () => {
    it('logs in with a valid code, upserting the user by openid', async () => {
      const a = await post('/api/auth/wechat', { code: 'ok-rider1' });
      expect(a.statusCode).toBe(200);
      const first = a.json();
      expect(first.accessToken).toBeTruthy();
      expect(first.refreshToken).toBeTruthy();
      expect(first.user.roles).toEqual([{ role: 'worker', orgId: null, orgCode: null, orgName: null }]);
      const b = (await post('/api/auth/wechat', { code: 'ok-rider1' })).json();
      expect(b.user.id).toBe(first.user.id);
      const call = wechat.calls.at(-1)!;
      expect(call).toMatchObject({ appid: 'wx-test-appid', secret: 'test-secret', js_code: 'ok-rider1', grant_type: 'authorization_code' });
    });

    it('maps 40029 and a used code to 401 WECHAT_CODE_INVALID', async () => {
      for (const code of ['bogus', 'used-1']) {
        const res = await post('/api/auth/wechat', { code });
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('WECHAT_CODE_INVALID');
      }
    });

    it('maps 45011 to 429 WECHAT_RATE_LIMITED and system errors to 503', async () => {
      const limited = await post('/api/auth/wechat', { code: 'ratelimit' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('WECHAT_RATE_LIMITED');
      const busy = await post('/api/auth/wechat', { code: 'busy' });
      expect(busy.statusCode).toBe(503);
      expect(busy.json().code).toBe('WECHAT_UNAVAILABLE');
    });

    it('requires a code', async () => {
      const res = await post('/api/auth/wechat', {});
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('code');
    });
  });

  describe('access tokens', () => {
    it('GET /api/me needs a token and returns the caller', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/me' })).json().code).toBe('UNAUTHENTICATED');
      const s = await devLogin(t.app, 'demo-officer-sm');
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: s.auth });
      expect(me.statusCode).toBe(200);
      expect(me.json().roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'officer', orgCode: 'XM-SM', orgName: '思明区总工会' })]));
    });

    it('refuses forged and expired tokens', async () => {
      const s = await devLogin(t.app, 'token-test');
      const forged = await new JwtService({ secret: 'another-secret-that-is-long-enough-000000' }).signAsync({ sub: s.user.id, typ: 'access' });
      const res1 = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${forged}` } });
      expect(res1.statusCode).toBe(401);
      expect(res1.json().code).toBe('TOKEN_INVALID');
      const expired = await t.app.get(JwtService).signAsync({ sub: s.user.id, typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 });
      const res2 = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${expired}` } });
      expect(res2.statusCode).toBe(401);
      expect(res2.json().code).toBe('TOKEN_EXPIRED');
      const res3 = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Basic abc` } });
      expect(res3.json().code).toBe('TOKEN_INVALID');
    });

    it('refuses a token of an unknown user and a refresh token used as access token', async () => {
      const ghost = await t.app.get(JwtService).signAsync({ sub: '00000000-0000-0000-0000-000000000000', typ: 'access' });
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${ghost}` } })).statusCode).toBe(401);
      const s = await devLogin(t.app, 'token-test-2');
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${s.refreshToken}` } })).statusCode).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh returns a new pair and spends the old token', async () => {
      const s = await devLogin(t.app, 'refresh-user');
      const r1 = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
      expect(r1.statusCode).toBe(200);
      const next = r1.json();
      expect(next.refreshToken).not.toBe(s.refreshToken);
      expect(next.user.id).toBe(s.user.id);
      const r2 = await post('/api/auth/refresh', { refreshToken: next.refreshToken });
      expect(r2.statusCode).toBe(200);
    });

    it('reuse of a spent token revokes the whole family', async () => {
      const s = await devLogin(t.app, 'stolen-user');
      const next = (await post('/api/auth/refresh', { refreshToken: s.refreshToken })).json();
      const reuse = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().code).toBe('REFRESH_TOKEN_REUSED');
      const afterTheft = await post('/api/auth/refresh', { refreshToken: next.refreshToken });
      expect(afterTheft.statusCode).toBe(401);
      expect(afterTheft.json().code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('two concurrent refreshes with one token: one wins, the other is treated as reuse', async () => {
      const s = await devLogin(t.app, 'race-user');
      const results = await Promise.all([0, 1].map(() => post('/api/auth/refresh', { refreshToken: s.refreshToken })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('logout revokes the refresh token', async () => {
      const s = await devLogin(t.app, 'logout-user');
      expect((await post('/api/auth/logout', { refreshToken: s.refreshToken })).statusCode).toBe(204);
      const res = await post('/api/auth/refresh', { refreshToken: s.refreshToken });
      expect(res.statusCode).toBe(401);
    });

    it('an unknown token is 401 REFRESH_TOKEN_INVALID', async () => {
      const res = await post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('SMS login', () => {
    const sender = () => t.app.get(SmsSender) as TestSmsSender;

    it('sends a 6-digit code and logs in with it; the mobile comes back masked', async () => {
      const send = await post('/api/auth/sms/send', { mobile: '13800001111' });
      expect(send.statusCode).toBe(200);
      expect(send.json()).toEqual({ cooldownSeconds: 60, expiresInSeconds: 300 });
      const code = sender().lastCodeFor('13800001111')!;
      expect(code).toMatch(/^\d{6}$/);
      const ok = await post('/api/auth/sms/verify', { mobile: '13800001111', code });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.mobileMasked).toBe('138****1111');
      expect(ok.body).not.toContain('13800001111');
      // the code is single-use
      const again = await post('/api/auth/sms/verify', { mobile: '13800001111', code });
      expect(again.statusCode).toBe(400);
    });

    it('allows one send per 60 s', async () => {
      await post('/api/auth/sms/send', { mobile: '13800002222' });
      const second = await post('/api/auth/sms/send', { mobile: '13800002222' });
      expect(second.statusCode).toBe(429);
      expect(second.json().code).toBe('SMS_TOO_FREQUENT');
    });

    it('allows at most 10 sends a day (Asia/Shanghai)', async () => {
      const sms = t.app.get(SmsService);
      const base = new Date('2026-11-23T01:00:00Z');
      for (let i = 0; i < 10; i++) await sms.send('13800003333', new Date(base.getTime() + i * 61_000));
      await expect(sms.send('13800003333', new Date(base.getTime() + 11 * 61_000))).rejects.toMatchObject({ code: 'SMS_DAILY_LIMIT' });
      // the next Shanghai day (16:00 UTC) opens again
      await expect(sms.send('13800003333', new Date('2026-11-23T16:00:01Z'))).resolves.toBeTruthy();
    });

    it('expires codes after 5 minutes', async () => {
      const sms = t.app.get(SmsService);
      const sentAt = new Date(Date.now() - 10 * 60_000);
      await sms.send('13800004444', sentAt);
      const code = sender().lastCodeFor('13800004444')!;
      await expect(sms.verify('13800004444', code)).rejects.toMatchObject({ code: 'SMS_CODE_EXPIRED' });
    });

    it('locks after five wrong codes, even for the right one', async () => {
      await post('/api/auth/sms/send', { mobile: '13800005555' });
      const code = sender().lastCodeFor('13800005555')!;
      const wrong = code === '000000' ? '111111' : '000000';
      const codes: string[] = [];
      for (let i = 0; i < 5; i++) codes.push((await post('/api/auth/sms/verify', { mobile: '13800005555', code: wrong })).json().code);
      expect(codes).toEqual(['SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_CODE_INVALID', 'SMS_LOCKED']);
      const right = await post('/api/auth/sms/verify', { mobile: '13800005555', code });
      expect(right.statusCode).toBe(429);
      expect(right.json().code).toBe('SMS_LOCKED');
    });

    it('counts parallel wrong guesses one by one: never more than five tries per code', async () => {
      await post('/api/auth/sms/send', { mobile: '13800006666' });
      const code = sender().lastCodeFor('13800006666')!;
      const wrong = code === '000000' ? '111111' : '000000';
      const answers = await Promise.all(Array.from({ length: 20 }, () => post('/api/auth/sms/verify', { mobile: '13800006666', code: wrong })));
      const codes = answers.map((r) => r.json().code as string);
      expect(codes.filter((c) => c === 'SMS_CODE_INVALID')).toHaveLength(4);
      expect(codes.filter((c) => c === 'SMS_LOCKED')).toHaveLength(16);
      const right = await post('/api/auth/sms/verify', { mobile: '13800006666', code });
      expect(right.json().code).toBe('SMS_LOCKED');
      const rows = await t.ds.getRepository(SmsCode).findBy({ mobileHash: piiHash('13800006666') });
      expect(rows.map((r) => r.attempts)).toEqual([5]);
    });

    it('rejects invalid mobiles with the shared Chinese message', async () => {
      const res = await post('/api/auth/sms/send', { mobile: '12345' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'mobile', message: '手机号应为 11 位中国大陆手机号码' }]);
    });
  });

  describe('dev login', () => {
    it('grants roles bound to an org and lists demo users', async () => {
      const s = await devLogin(t.app, 'dev-officer', ['officer'], 'XM-HL');
      expect(s.user.roles.map((r) => [r.role, r.orgCode])).toEqual([
        ['worker', null],
        ['officer', 'XM-HL'],
      ]);
      const demo = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' });
      expect(demo.json().map((u: { openid: string }) => u.openid)).toContain('demo-admin');
    });

    it('an officer without an org or with an unknown org is refused', async () => {
      expect((await post('/api/auth/dev', { openid: 'dev-x', roles: ['officer'] })).statusCode).toBe(400);
      const unknown = await post('/api/auth/dev', { openid: 'dev-x', roles: ['officer'], orgCode: 'NOPE' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('ORG_NOT_FOUND');
      expect((await post('/api/auth/dev', { openid: 'dev-x', roles: ['king'] })).statusCode).toBe(400);
    });
  });
});

describe('auth in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'prod-secret-for-tests-only-0123456789abcdef',
      PII_KEYS: 'p1:' + Buffer.alloc(32, 7).toString('base64'),
      PII_HMAC_KEY: Buffer.alloc(32, 9).toString('base64'),
      SMS_SENDER: 'http',
      SMS_HTTP_URL: 'http://127.0.0.1:9/unused',
      PUBLIC_BASE_URL: 'https://nuanxin.example.org',
      DEV_LOGIN: undefined,
    });
  });
  afterAll(() => t.close());

  it('has no dev login and no demo user list', async () => {
    const dev = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { openid: 'demo-admin' } });
    expect(dev.statusCode).toBe(404);
    expect(dev.json().code).toBe('ROUTE_NOT_FOUND');
    const demo = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' });
    expect(demo.statusCode).toBe(200);
    expect(demo.json()).toEqual([]);
  });

  it('refuses to boot with development secrets', async () => {
    const { loadConfig } = await import('../src/config/app-config.js');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});

describe('auth rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED in the error shape after the limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'y'.repeat(43) } });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last!.json()).toEqual({ code: 'RATE_LIMITED', message: expect.any(String) });
    expect(last!.headers['retry-after']).toBeTruthy();
  });
});
