import { loadConfig } from '../src/config/app-config';
import { createTestApp, DIALECT, type TestApp } from './helpers/test-app';

const LEVEL_WARN = 40;
const LEVEL_ERROR = 50;

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  devLogin?: boolean;
}

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'prod-secret-for-tests-only-0123456789abcdef',
  PII_KEYS: 'p1:' + Buffer.alloc(32, 7).toString('base64'),
  PII_HMAC_KEY: Buffer.alloc(32, 9).toString('base64'),
  SMS_SENDER: 'http',
  SMS_HTTP_URL: 'https://sms.union.example/send',
  PUBLIC_BASE_URL: 'https://nuanxin.example.org',
};

/** A test app whose warn-and-above log lines the test can read. */
async function boot(overrides: Record<string, string | undefined>): Promise<{ t: TestApp; logs: () => LogLine[] }> {
  const raw: string[] = [];
  const t = await createTestApp({ LOG_LEVEL: 'warn', ...overrides }, { write: (s: string) => void raw.push(s) });
  return { t, logs: () => raw.map((l) => JSON.parse(l) as LogLine) };
}

describe('dev login needs DEV_LOGIN=true', () => {
  it('is off by default and refused in production', () => {
    expect(loadConfig({}).DEV_LOGIN).toBe(false);
    expect(loadConfig({ DEV_LOGIN: 'true' }).DEV_LOGIN).toBe(true);
    expect(loadConfig({ ...PRODUCTION }).DEV_LOGIN).toBe(false);
    expect(() => loadConfig({ ...PRODUCTION, DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN/);
  });

  // The operator who sets real keys and a database but forgets NODE_ENV: it defaults to development.
  describe(`without the opt-in, NODE_ENV unset, on ${DIALECT}${DIALECT === 'mariadb' ? ' (a MySQL DB_URL)' : ''}`, () => {
    let t: TestApp;
    let logs: () => LogLine[];
    beforeAll(async () => {
      ({ t, logs } = await boot({ NODE_ENV: undefined, DEV_LOGIN: undefined }));
    });
    afterAll(() => t.close());

    it('answers 404 to dev login, for demo and new openids alike, and lists no demo users (200 [], not an error the login page logs)', async () => {
      for (const payload of [{ openid: 'demo-admin' }, { openid: 'someone', roles: ['admin'], orgCode: 'XM' }]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('ROUTE_NOT_FOUND');
      }
      const demo = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' });
      expect(demo.statusCode).toBe(200);
      expect(demo.json()).toEqual([]);
    });

    it('says nothing about dev login at boot', () => {
      expect(logs().filter((l) => l.devLogin)).toEqual([]);
    });
  });

  describe(`with DEV_LOGIN=true on ${DIALECT}`, () => {
    let t: TestApp;
    let logs: () => LogLine[];
    beforeAll(async () => {
      ({ t, logs } = await boot({ NODE_ENV: undefined, DEV_LOGIN: 'true' }));
    });
    afterAll(() => t.close());

    it('logs in a demo user and lists the demo users', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { openid: 'demo-admin' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.roles.map((r: { role: string }) => r.role)).toContain('admin');
      const demo = await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' });
      expect(demo.statusCode).toBe(200);
      expect(demo.json().length).toBeGreaterThan(0);
    });

    it('warns loudly at boot', () => {
      const warned = logs().filter((l) => l.devLogin);
      expect(warned).toHaveLength(1);
      expect(warned[0].level).toBe(LEVEL_WARN);
      expect(warned[0].msg).toContain('DEV_LOGIN=true');
    });
  });
});

describe('WeChat login not configured', () => {
  let t: TestApp;
  let logs: () => LogLine[];
  beforeAll(async () => {
    ({ t, logs } = await boot({ WECHAT_APPID: undefined, WECHAT_SECRET: undefined }));
  });
  afterAll(() => t.close());

  it('answers 503 every time, warns once and logs no error', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: `code-${i}` } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ code: 'WECHAT_UNAVAILABLE', message: '未配置微信小程序登录，请使用手机号登录' });
    }
    expect(logs().filter((l) => l.level >= LEVEL_ERROR)).toEqual([]);
    const warned = logs().filter((l) => l.code === 'WECHAT_UNAVAILABLE');
    expect(warned).toHaveLength(1);
    expect(warned[0].level).toBe(LEVEL_WARN);
    expect(JSON.stringify(warned[0])).not.toContain('stack');
  });
});
