import { getRepositoryToken } from '@nestjs/typeorm';
import { STATION_LEVELS } from '@nuanxin/shared';
import type { Repository } from 'typeorm';
import { seedDemo } from '../src/seed/seed';
import { StationEvent } from '../src/stations/station-event.entity';
import { StationIndexService } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

const RANK = Object.fromEntries(STATION_LEVELS.map((l, i) => [l.code, i]));

/** The in-memory index stays in step with the database: edits racing a rebuild, and the demo seed. */
describe('stations index refresh', () => {
  let t: TestApp;
  let index: StationIndexService;
  beforeAll(async () => {
    t = await createTestApp();
    index = t.app.get(StationIndexService);
  });
  afterAll(() => t.close());

  it('an edit made while a rebuild is in flight is in the index when the edit returns', async () => {
    const admin = await devLogin(t.app, 'demo-admin');
    const target = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-JM-21' });
    const repo = t.app.get<Repository<Station>>(getRepositoryToken(Station));
    // Hold the first rebuild after it has read the stations (before the edit), until the edit has asked for its own.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const find = repo.find.bind(repo);
    const spyFind = jest.spyOn(repo, 'find').mockImplementationOnce(async (...args) => {
      const rows = await find(...args);
      await gate;
      return rows;
    });
    const spyRebuild = jest.spyOn(index, 'rebuild');
    try {
      const inFlight = index.rebuild();
      const edit = t.app.inject({ method: 'PATCH', url: `/api/stations/${target.id}`, headers: admin.auth, payload: { status: 'suspended' } });
      for (let i = 0; i < 500 && spyRebuild.mock.calls.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(spyRebuild.mock.calls.length).toBe(2); // the edit committed and asked for a rebuild while the first was held
      release();
      await inFlight;
      const res = await edit;
      expect(res.statusCode).toBe(200);
      const near = index.nearby({ lat: target.lat, lng: target.lng, limit: 3, radiusMeters: 1000, services: [], openNow: false, now: new Date() });
      expect(near.map((h) => h.station.id)).not.toContain(target.id);
    } finally {
      release();
      spyFind.mockRestore();
      spyRebuild.mockRestore();
      await t.ds.getRepository(Station).update({ id: target.id }, { status: 'open' });
      await index.rebuild();
    }
  });

  it('concurrent rebuild requests share builds: at most one running and one queued', async () => {
    const repo = t.app.get<Repository<Station>>(getRepositoryToken(Station));
    const spy = jest.spyOn(repo, 'find');
    try {
      await Promise.all(Array.from({ length: 10 }, () => index.rebuild()));
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('seeding while a server runs bumps the version, so replicas pick the new stations up', async () => {
    const repo = t.ds.getRepository(Station);
    const gone = await repo.findOneByOrFail({ code: 'ST-HC-29' });
    await t.ds.getRepository(StationEvent).delete({ stationId: gone.id });
    await repo.delete({ id: gone.id });
    await index.rebuild();
    const before = index.size;
    expect(await index.refreshIfChanged()).toBe(false);
    const seeded = await seedDemo(t.ds);
    expect(seeded.stations).toBe(1);
    expect(await index.refreshIfChanged()).toBe(true);
    expect(index.size).toBe(before + 1);
    // nothing new to seed → no bump
    expect((await seedDemo(t.ds)).stations).toBe(0);
    expect(await index.refreshIfChanged()).toBe(false);
  });

  it('the demo has 总站 > 分站 > 站点 links: one hub per district, every other station under a higher level of its district', async () => {
    const all = await t.ds.getRepository(Station).find();
    const demo = all.filter((s) => /^ST-[A-Z]{2}-\d{2}$/.test(s.code));
    const byId = new Map(all.map((s) => [s.id, s]));
    const districts = new Set(demo.map((s) => s.district));
    expect(demo.filter((s) => s.level === 'hub').map((s) => s.district).sort()).toEqual([...districts].sort());
    for (const s of demo) {
      if (s.level === 'hub') {
        expect(s.parentId).toBeNull();
        continue;
      }
      const parent = byId.get(s.parentId!)!;
      expect([s.code, parent.district]).toEqual([s.code, s.district]);
      expect(RANK[parent.level]).toBeLessThan(RANK[s.level]);
    }
    // points hang under branches where the district has one
    expect(demo.some((s) => s.level === 'point' && byId.get(s.parentId!)?.level === 'branch')).toBe(true);
    // and the detail names the parent
    const child = demo.find((s) => s.level === 'point' && byId.get(s.parentId!)?.level === 'branch')!;
    const parent = byId.get(child.parentId!)!;
    const detail = (await t.app.inject({ method: 'GET', url: `/api/stations/${child.id}` })).json();
    expect(detail.parent).toEqual({ id: parent.id, code: parent.code, name: parent.name, level: 'branch' });
    const hub = demo.find((s) => s.level === 'hub')!;
    expect((await t.app.inject({ method: 'GET', url: `/api/stations/${hub.id}` })).json().parent).toBeNull();
  });
});
