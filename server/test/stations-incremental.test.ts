import { getRepositoryToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { nextValue } from '../src/counters/counters';
import { StationIndexService, STATIONS_VERSION, type NearbyQuery } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Queries over the whole demo city: near and far, with a service filter, open now (weekday noon and Sunday night). */
const QUERIES: Array<Omit<NearbyQuery, 'now'> & { now: string }> = [
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: [], openNow: false, now: '2026-12-02T04:00:00Z' },
  { lat: 24.5300, lng: 118.1300, limit: 10, radiusMeters: 5_000, services: [], openNow: false, now: '2026-12-02T04:00:00Z' },
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: ['water_hot'], openNow: false, now: '2026-12-02T04:00:00Z' },
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: [], openNow: true, now: '2026-12-02T04:00:00Z' },
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: [], openNow: true, now: '2026-12-06T15:30:00Z' },
];

/** Everything a nearby answer is made of, for every query. */
function answers(index: StationIndexService) {
  return QUERIES.map((q) =>
    index.nearby({ ...q, now: new Date(q.now) }).map(({ station, hit, staticBytes }) => ({ id: station.id, d: hit.distanceMeters, staticJson: staticBytes.toString(), hours: station.hours, closures: station.closures })),
  );
}

/**
 * The index is patched per changed station instead of rebuilt: after each kind of change its answers equal those of an
 * index freshly built from the database, here at once and on another replica after its poll.
 */
describe('stations index: incremental updates', () => {
  let t: TestApp;
  let index: StationIndexService;
  let repo: Repository<Station>;
  let admin: Session;
  let worker: Session;
  /** "Another replica": its own index over the same database, brought up to date only by polling. */
  let replica: StationIndexService;

  const fresh = async () => {
    const built = new StationIndexService(repo, t.ds);
    await built.rebuild();
    return built;
  };
  const expectFresh = async (idx: StationIndexService) => {
    const f = await fresh();
    expect(idx.size).toBe(f.size);
    expect(answers(idx)).toEqual(answers(f));
  };
  /** The index's reads of station rows: by id (the stations it re-reads) and whole-table scans of full rows. */
  const spyStationReads = () => {
    const spy = jest.spyOn(t.ds, 'query');
    const sqls = () => spy.mock.calls.filter(([sql]) => /FROM stations WHERE/.test(sql) && /\bhours\b/.test(sql));
    return {
      byId: () => sqls().filter(([sql]) => /WHERE id IN/.test(sql)).map(([, params]) => params as string[]),
      scans: () => sqls().filter(([sql]) => !/WHERE id IN/.test(sql)).length,
      restore: () => spy.mockRestore(),
    };
  };
  const near = async (s: Station) =>
    (await t.app.inject({ method: 'GET', url: `/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&limit=5&radiusKm=1` })).json() as Array<{ id: string; rating: number | null; ratingCount: number; services: string[]; phone: string | null }>;

  beforeAll(async () => {
    t = await createTestApp();
    index = t.app.get(StationIndexService);
    repo = t.app.get<Repository<Station>>(getRepositoryToken(Station));
    admin = await devLogin(t.app, 'demo-admin');
    worker = await devLogin(t.app, 'demo-worker');
    replica = await fresh();
  });
  afterAll(() => t.close());

  it('an edit re-reads only that station, and the answers equal a fresh build', async () => {
    const s = await repo.findOneByOrFail({ code: 'ST-SM-02' });
    const reads = spyStationReads();
    try {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/stations/${s.id}`, headers: admin.auth, payload: { services: ['wifi', 'water_hot'], phone: '0592-1112223', hours: { alwaysOpen: false, days: [[{ open: '09:00', close: '18:00' }], [], [], [], [], [], []] } } });
      expect(res.statusCode).toBe(200);
      // one read of the changed station, not a scan of the table
      expect(reads.byId()).toEqual([[s.id]]);
      expect(reads.scans()).toBe(0);
    } finally {
      reads.restore();
    }
    const mine = (await near(s)).find((x) => x.id === s.id)!;
    expect([mine.services, mine.phone]).toEqual([['wifi', 'water_hot'], '0592-1112223']);
    await expectFresh(index);
  });

  it('a new station is found nearby at once', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/stations', headers: { ...admin.auth, 'idempotency-key': randomUUID() },
      payload: { name: '增量测试驿站', address: '思明区增量路 1 号', district: '思明区', lat: 24.4700, lng: 118.1000, level: 'point', hostType: 'bank', orgCode: 'XM-SM', hours: { alwaysOpen: true, days: [[], [], [], [], [], [], []] }, services: ['rest_seats'] },
    });
    expect(res.statusCode).toBe(201);
    const created = await repo.findOneByOrFail({ id: res.json().id });
    expect((await near(created)).map((x) => x.id)).toContain(created.id);
    await expectFresh(index);
  });

  it('a deactivated station leaves the list at once', async () => {
    const s = await repo.findOneByOrFail({ code: 'ST-SM-03' });
    const before = index.size;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/stations/${s.id}`, headers: admin.auth, payload: { status: 'suspended' } })).statusCode).toBe(200);
    expect(index.size).toBe(before - 1);
    expect((await near(s)).map((x) => x.id)).not.toContain(s.id);
    await expectFresh(index);
  });

  it('a rating reaches the nearby list at once, without any other change to the station', async () => {
    const s = await repo.findOneByOrFail({ code: 'ST-SM-04' });
    const was = (await near(s)).find((x) => x.id === s.id)!;
    const res = await t.app.inject({ method: 'POST', url: `/api/stations/${s.id}/ratings`, headers: { ...worker.auth, 'idempotency-key': randomUUID() }, payload: { score: 2 } });
    expect(res.statusCode).toBe(201);
    const now = (await near(s)).find((x) => x.id === s.id)!;
    expect(now.ratingCount).toBe(was.ratingCount + 1);
    expect(now.rating).toBe(res.json().rating);
    await expectFresh(index);
  });

  it('this replica is at the version its own changes made: its poll finds nothing to do', async () => {
    expect(await index.refreshIfChanged()).toBe(false);
  });

  it('another replica picks every one of those changes up at its next poll, once', async () => {
    const seen = replica.currentVersion;
    expect(await replica.refreshIfChanged()).toBe(true);
    expect(replica.currentVersion).toBeGreaterThan(seen);
    await expectFresh(replica);
    expect(answers(replica)).toEqual(answers(index));
    expect(await replica.refreshIfChanged()).toBe(false);
  });

  it('a change written by another replica (hours, rating, a removed station) reaches this one through the version row', async () => {
    const edited = await repo.findOneByOrFail({ code: 'ST-SM-05' });
    const rated = await repo.findOneByOrFail({ code: 'ST-SM-06' });
    const removed = await repo.findOneByOrFail({ code: 'ST-SM-07' });
    await t.ds.transaction(async (em) => {
      await em.update(Station, { id: edited.id }, { hours: { alwaysOpen: false, days: [[], [], [], [], [], [], [{ open: '20:00', close: '23:59' }]] }, updatedAt: new Date(Date.now() + 1000) });
      await em.update(Station, { id: rated.id }, { ratingSum: rated.ratingSum + 5, ratingCount: rated.ratingCount + 1 });
      await em.update(Station, { id: removed.id }, { status: 'suspended' });
      await nextValue(em, STATIONS_VERSION);
    });
    const reads = spyStationReads();
    try {
      expect(await index.refreshIfChanged()).toBe(true);
      // the narrow stamp scan, then one read of just the two stations whose stamp moved
      expect(reads.byId().map((ids) => [...ids].sort())).toEqual([[edited.id, rated.id].sort()]);
      expect(reads.scans()).toBe(0);
    } finally {
      reads.restore();
    }
    await expectFresh(index);
    expect((await near(removed)).map((x) => x.id)).not.toContain(removed.id);
    expect((await near(rated)).find((x) => x.id === rated.id)!.ratingCount).toBe(rated.ratingCount + 1);
  });
});
