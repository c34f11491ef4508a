import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/app-config';
import { createTestApp, type TestApp } from './helpers/test-app';

/** A stand-in for the union's SMS gateway: records what it is asked to send, fails while `failing` is set. */
async function startGateway(): Promise<{ url: string; received: Array<{ auth?: string; body: Record<string, unknown> }>; failing: { on: boolean }; close(): Promise<void> }> {
  const received: Array<{ auth?: string; body: Record<string, unknown> }> = [];
  const failing = { on: false };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (failing.on) {
        res.writeHead(502).end('carrier down');
        return;
      }
      received.push({ auth: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/send`, received, failing, close: () => new Promise((r) => server.close(() => r())) };
}

describe('SMS through the gateway (SMS_SENDER=http)', () => {
  let t: TestApp;
  let gw: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gw = await startGateway();
    t = await createTestApp({ SMS_SENDER: 'http', SMS_HTTP_URL: gw.url, SMS_HTTP_TOKEN: 'gw-token' });
  });
  afterAll(async () => {
    await t.close();
    await gw.close();
  });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

  it('posts the code to the gateway with its token, and that code logs the rider in', async () => {
    const sent = await post('/api/auth/sms/send', { mobile: '13900001111' });
    expect(sent.statusCode).toBe(200);
    expect(gw.received).toHaveLength(1);
    const { auth, body } = gw.received[0];
    expect(auth).toBe('Bearer gw-token');
    expect(body).toMatchObject({ mobile: '13900001111', template: 'login', ttlMinutes: 5 });
    expect(String(body.code)).toMatch(/^\d{6}$/);
    const login = await post('/api/auth/sms/verify', { mobile: '13900001111', code: body.code as string });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mobileMasked).toBe('139****1111');
  });

  it('a failed send is 503 SMS_SEND_FAILED, and the rider may retry at once (no cooldown for a code never delivered)', async () => {
    gw.failing.on = true;
    const failed = await post('/api/auth/sms/send', { mobile: '13900002222' });
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'SMS_SEND_FAILED' });
    expect(failed.json().message).toMatch(/短信/);
    gw.failing.on = false;
    const retry = await post('/api/auth/sms/send', { mobile: '13900002222' });
    expect(retry.statusCode).toBe(200);
    expect(gw.received.at(-1)?.body.mobile).toBe('13900002222');
  });
});

describe('production configuration', () => {
  const prod = {
    NODE_ENV: 'production',
    JWT_SECRET: 'prod-secret-for-tests-only-0123456789abcdef',
    PII_KEYS: 'p1:' + Buffer.alloc(32, 7).toString('base64'),
    PII_HMAC_KEY: Buffer.alloc(32, 9).toString('base64'),
    SMS_SENDER: 'http',
    SMS_HTTP_URL: 'https://sms.union.example/send',
    PUBLIC_BASE_URL: 'https://nuanxin.example.org',
  };

  it('accepts a complete production configuration', () => {
    expect(loadConfig(prod).isProduction).toBe(true);
  });

  it('refuses SMS codes written to the log, a gateway without a URL, and localhost in join QR codes', () => {
    expect(() => loadConfig({ ...prod, SMS_SENDER: 'dev' })).toThrow(/SMS_SENDER/);
    expect(() => loadConfig({ ...prod, SMS_HTTP_URL: undefined })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ ...prod, PUBLIC_BASE_URL: 'http://localhost:3000' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('reads TRUST_PROXY as a boolean or a list of addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });
});

describe('rate limits behind a load balancer (TRUST_PROXY)', () => {
  const send = (t: TestApp, ip: string, mobile: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile }, headers: { 'x-forwarded-for': ip }, remoteAddress: '10.0.0.5' });

  it('counts each rider by the forwarded client IP when the proxy is trusted', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT: '2', TRUST_PROXY: '10.0.0.0/8' });
    try {
      expect((await send(t, '203.0.113.1', '13900003331')).statusCode).toBe(200);
      expect((await send(t, '203.0.113.1', '13900003332')).statusCode).toBe(200);
      expect((await send(t, '203.0.113.1', '13900003333')).statusCode).toBe(429);
      // Another rider behind the same balancer still gets through.
      expect((await send(t, '203.0.113.2', '13900003334')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted (a client cannot pick its own bucket)', async () => {
    const t = await createTestApp({ AUTH_RATE_LIMIT: '2' });
    try {
      expect((await send(t, '203.0.113.1', '13900004441')).statusCode).toBe(200);
      expect((await send(t, '203.0.113.2', '13900004442')).statusCode).toBe(200);
      expect((await send(t, '203.0.113.3', '13900004443')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
