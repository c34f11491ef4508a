import { AuthGuard } from '../src/auth/auth.guard';
import { StationIndexService } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, type TestApp } from './helpers/test-app';

/** Xiamen, near Zhongshan Park. */
const URL = '/api/stations/nearby?lat=24.4637&lng=118.0978&limit=20&radiusKm=10';

/** Headers that differ between any two responses. */
const volatile = new Set(['x-request-id', 'date']);
const stable = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !volatile.has(k)));

/**
 * The nearby list's ordinary answer is sent from Fastify's route handler, without Nest's guard and pipe
 * (`stations/nearby-direct.ts`): it must be the very answer Nest's handler gives, and everything else must still
 * reach Nest's handler.
 */
describe('GET /api/stations/nearby, the direct answer', () => {
  let t: TestApp;
  let guard: jest.SpyInstance;
  beforeAll(async () => {
    guard = jest.spyOn(AuthGuard.prototype, 'canActivate');
    t = await createTestApp();
  });
  afterAll(async () => {
    guard.mockRestore();
    await t.close();
  });

  it('answers a plain query without Nest (no guard call), byte for byte what Nest answers', async () => {
    guard.mockClear();
    const direct = await t.app.inject({ method: 'GET', url: URL });
    expect(guard).not.toHaveBeenCalled();
    // A token (even an invalid one) on this public route goes to Nest: the guard looks at it, then the same handler.
    const viaNest = await t.app.inject({ method: 'GET', url: URL, headers: { authorization: 'Bearer not-a-token' } });
    expect(guard).toHaveBeenCalledTimes(1);
    expect(direct.statusCode).toBe(200);
    expect(viaNest.statusCode).toBe(200);
    expect(direct.body).toBe(viaNest.body);
    expect((direct.json() as unknown[]).length).toBeGreaterThan(5);
    expect(stable(direct.headers)).toEqual(stable(viaNest.headers));
    expect(direct.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(direct.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(direct.headers['content-security-policy']).toBeDefined();
  });

  it('is compressed for a client that asks, like the answer through Nest', async () => {
    guard.mockClear();
    const direct = await t.app.inject({ method: 'GET', url: URL, headers: { 'accept-encoding': 'gzip' } });
    expect(guard).not.toHaveBeenCalled();
    const viaNest = await t.app.inject({ method: 'GET', url: URL, headers: { 'accept-encoding': 'gzip', authorization: 'Bearer not-a-token' } });
    expect(direct.headers['content-encoding']).toBe('gzip');
    expect(stable(direct.headers)).toEqual(stable(viaNest.headers));
    expect(direct.rawPayload.equals(viaNest.rawPayload)).toBe(true);
  });

  it('leaves errors to Nest: field-level 400s and a point outside China', async () => {
    guard.mockClear();
    const bad = await t.app.inject({ method: 'GET', url: '/api/stations/nearby?lat=abc&lng=118.1&limit=99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([{ field: 'lat', message: '请提供有效的纬度' }, { field: 'limit', message: '一次最多 50 个' }]) });
    const abroad = await t.app.inject({ method: 'GET', url: '/api/stations/nearby?lat=48.85&lng=2.35' });
    expect(abroad.statusCode).toBe(400);
    expect(abroad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'lat', message: '位置不在中国境内，请确认定位是否正确' }] });
    expect(guard).toHaveBeenCalledTimes(2);
  });

  it('is written as UTF-8 bytes: Chinese and a 4-byte character in the live tail (a closure reason) arrive intact, the length counts bytes', async () => {
    const before = (await t.app.inject({ method: 'GET', url: URL })).json() as Array<{ id: string; name: string }>;
    const [closed, open] = before;
    const reason = '设备检修，暂停开放🙏';
    const now = Date.now();
    await t.ds.getRepository(Station).update({ id: closed.id }, { closures: [{ from: new Date(now - 3600_000).toISOString(), to: new Date(now + 3600_000).toISOString(), reason }] });
    await t.app.get(StationIndexService).rebuild([closed.id]);
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
      const res = await t.app.inject({ method: 'GET', url: URL, headers });
      expect(res.statusCode).toBe(200);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      const list = res.json() as Array<{ id: string; name: string; isOpenNow: boolean; closedReason: string | null }>;
      expect(list.map((s) => s.id)).toEqual(before.map((s) => s.id));
      expect(list.find((s) => s.id === closed.id)).toMatchObject({ name: closed.name, isOpenNow: false, closedReason: reason });
      expect(list.find((s) => s.id === open.id)).toMatchObject({ name: open.name, closedReason: null });
    }
  });
});
