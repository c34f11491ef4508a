import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './helpers/replicas';
import { createApp, type CreatedApp } from '../src/app.factory';
import { createTestApp, testEnv, type TestApp } from './helpers/test-app';

const LIMIT = 4;

/** A throwaway redis-server (Debian's), no persistence; the test command installs it where missing. */
async function startRedis(): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server missing: apt-get install -y redis-server');
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const end = Date.now() + 10_000;
  while (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() !== 'PONG') {
    if (Date.now() > end) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise<void>((ok) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return ok();
      proc.once('exit', () => ok());
      proc.kill('SIGKILL');
    });
  return { url: `redis://127.0.0.1:${port}/0`, proc, stop };
}

/** Any auth route counts; a refresh with a junk token is the cheapest (401 until the limit, then 429). */
const hit = (app: CreatedApp) => app.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'x'.repeat(40) } });

describe('auth rate limit shared through Redis (REDIS_URL)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: TestApp;
  let b: CreatedApp;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { AUTH_RATE_LIMIT: String(LIMIT), REDIS_URL: redis.url };
    a = await createTestApp(env);
    // The second "replica" shares A's database (never reset under it) and A's Redis.
    b = await createApp({ env: testEnv({ ...env, DB_URL: a.config.DB_URL }) });
    await b.app.getHttpAdapter().getInstance().ready();
  }, 120_000); // two app boots (migrations on MariaDB)
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await redis?.stop();
  });

  it('counts hits on both replicas together: the limit holds whichever one answers, with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await hit(i % 2 ? b : a)).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(401));
    for (const app of [a, b]) {
      const res = await hit(app);
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(50);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    const keys = spawnSync('redis-cli', ['-u', redis.url, '--scan', '--pattern', 'nx:rl:*']).stdout.toString().trim().split('\n');
    expect(keys.some((k) => k.endsWith(':block'))).toBe(true);
  });

  it('when Redis goes away each replica counts on its own: logins go on (no 500), the per-process limit still bites', async () => {
    await redis.stop();
    const end = Date.now() + 5000;
    let first = await hit(a);
    while (first.statusCode === 429 && Date.now() < end) first = await hit(a);
    expect(first.statusCode).toBe(401);
    const statuses = [first.statusCode];
    for (let i = 1; i <= LIMIT; i++) statuses.push((await hit(a)).statusCode);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});
