import { In } from 'typeorm';
import { Station } from '../src/stations/station.entity';
import { StationsService } from '../src/stations/stations.service';
import { stationSummary } from '../src/stations/station-summary';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

/** Xiamen, near Zhongshan Park. */
const HERE = { lat: 24.4637, lng: 118.0978 };

/** The nearby list is written as JSON text from cached pieces: it must say exactly what the station rows say. */
describe('GET /api/stations/nearby as pre-serialised JSON', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers application/json whose every entry equals the station summary built from the row', async () => {
    // One station closed for a while and one with a rating, so the cached and live parts both carry something.
    const master = await devLogin(t.app, 'demo-station-master');
    const own = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-01' });
    const now = Date.now();
    const closure = { from: new Date(now - 60_000).toISOString(), to: new Date(now + 3600_000).toISOString(), reason: '停电检修' };
    expect((await t.app.inject({ method: 'PATCH', url: `/api/stations/${own.id}`, headers: master.auth, payload: { closures: [closure] } })).statusCode).toBe(200);

    const res = await t.app.inject({ method: 'GET', url: `/api/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=20&radiusKm=10` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const list = res.json() as Array<{ id: string; distanceMeters: number }>;
    expect(list.length).toBeGreaterThan(5);
    expect(list.some((s) => s.id === own.id)).toBe(true);

    const rows = await t.ds.getRepository(Station).findBy({ id: In(list.map((s) => s.id)) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const at = new Date();
    for (const item of list) {
      const expected = JSON.parse(JSON.stringify(stationSummary(byId.get(item.id)!, at, item.distanceMeters)));
      expect(item).toEqual(expected);
    }
    expect(list.find((s) => s.id === own.id)).toMatchObject({ isOpenNow: false, closedReason: '停电检修' });
  });

  it('says at every moment what the station rows say then, also when asked about an earlier moment after a later one', async () => {
    // Each hot station keeps its open state on its list entry while it holds: asked across a week, hour by hour and
    // then back again, the answer must follow the clock exactly as a summary built from the rows does.
    const stations = t.app.get(StationsService);
    const rows = await t.ds.getRepository(Station).find();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const start = Date.parse('2026-12-07T00:30:00+08:00');
    const moments = Array.from({ length: 7 * 24 }, (_, h) => start + h * 3600_000);
    let flips = 0;
    let last = '';
    for (const at of [...moments, ...moments.slice(0, 30).reverse()]) {
      const now = new Date(at);
      const list = JSON.parse(stations.nearbyJson({ ...HERE, limit: 50, radiusKm: 20 }, now).toString()) as Array<{ id: string; distanceMeters: number; isOpenNow: boolean }>;
      expect(list.length).toBeGreaterThan(5);
      for (const item of list) expect(item).toEqual(JSON.parse(JSON.stringify(stationSummary(byId.get(item.id)!, now, item.distanceMeters))));
      const open = list.map((s) => s.isOpenNow).join();
      if (last && open !== last) flips++;
      last = open;
    }
    // The demo's stations keep hours: the open states really changed along the way.
    expect(flips).toBeGreaterThan(10);
  });

  it('still refuses a point outside China with a field message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/stations/nearby?lat=51.5&lng=-0.12' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'lat' }] });
  });
});
