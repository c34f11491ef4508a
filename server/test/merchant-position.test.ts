import { CHINA_BBOX } from '@nuanxin/shared';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/**
 * A merchant's position is checked coordinate by coordinate: the error names the field that is wrong. The pair check
 * before reported a bad `lng` (an out-of-range longitude with a fine latitude) on `lat`, so the officer was sent to fix
 * the wrong number.
 */
describe(`merchant positions name the wrong coordinate on ${DIALECT}`, () => {
  let t: TestApp;
  let officer: Session;
  let worker: Session;
  const body = (o: Record<string, unknown> = {}) => ({ name: '坐标测试食堂', category: 'food', address: '思明区中山路 170 号', district: '思明区', lat: 24.4558, lng: 118.08, orgCode: 'XM-SM', ...o });
  const send = (s: Session, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) => t.app.inject({ method, url, headers: s.auth, ...(payload ? { payload } : {}) });
  const fields = (res: Awaited<ReturnType<typeof send>>) => {
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    return (res.json().errors as Array<{ field: string; message: string }>).map((e) => `${e.field}: ${e.message}`);
  };

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officer = await devLogin(t.app, 'demo-officer-sm');
    worker = await devLogin(t.app, 'merchant-position-worker');
  }, 180_000);
  afterAll(() => t?.close());

  it('creating: a longitude outside the service area is reported on lng, a latitude on lat, both on both', async () => {
    expect(fields(await send(officer, 'POST', '/api/benefits/merchants', body({ lng: 24.4558 })))).toEqual(['lng: 经度不在服务范围内']);
    expect(fields(await send(officer, 'POST', '/api/benefits/merchants', body({ lat: 118.08 })))).toEqual(['lat: 纬度不在服务范围内']);
    expect(fields(await send(officer, 'POST', '/api/benefits/merchants', body({ lat: 118.08, lng: 24.4558 })))).toEqual(['lat: 纬度不在服务范围内', 'lng: 经度不在服务范围内']);
    // The edges of the service area are in it.
    const edge = await send(officer, 'POST', '/api/benefits/merchants', body({ lat: CHINA_BBOX.maxLat, lng: CHINA_BBOX.maxLng }));
    expect(edge.statusCode).toBe(201);
  });

  it('editing: a bad lng alone is reported on lng; a good pair is saved', async () => {
    const created = await send(officer, 'POST', '/api/benefits/merchants', body({ name: '坐标测试便利店' }));
    expect(created.statusCode).toBe(201);
    const url = `/api/benefits/merchants/${created.json().id}`;
    expect(fields(await send(officer, 'PATCH', url, { lat: 24.46, lng: 200 }))).toEqual(['lng: 经度不在服务范围内']);
    expect(fields(await send(officer, 'PATCH', url, { lat: -5, lng: 118.1 }))).toEqual(['lat: 纬度不在服务范围内']);
    const moved = await send(officer, 'PATCH', url, { lat: 24.47, lng: 118.11 });
    expect(moved.statusCode).toBe(200);
  });

  it('searching nearby: a bad lng is reported on lng', async () => {
    expect(fields(await send(worker, 'GET', '/api/benefits/merchants/nearby?lat=24.45&lng=12'))).toEqual(['lng: 经度不在服务范围内']);
    expect(fields(await send(worker, 'GET', '/api/benefits/merchants/nearby?lat=95&lng=118.08'))).toEqual(['lat: 纬度不在服务范围内']);
  });
});
