import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { readValue } from '../src/counters/counters';
import { JobRun } from '../src/jobs/job-run.entity';
import { Scheduler } from '../src/jobs/scheduler.service';
import { CHANGE_OVERLAP_MS, STATION_CHANGES_KEPT_MS, StationIndexService, STATIONS_VERSION } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, devLogin, DIALECT, testEnv, type Session, type TestApp } from './helpers/test-app';

// Two app boots and several polls per test: generous on a loaded machine (nothing here waits on a clock).
jest.setTimeout(120_000);

/** Datetime text as both databases store it (UTC, milliseconds). */
const sqlTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

/**
 * Two replicas (two Nest apps) on one database, their jobs off so each poll is the test's own: a change taken by one
 * reaches the other through the change log at its next poll — ratings included, with no shared row written — also
 * when a lower change-log id commits after a higher one; the purge of old rows runs once across the replicas.
 */
describe(`stations change log: two replicas on one database (${DIALECT})`, () => {
  let dir: string;
  let a: TestApp;
  let b: { app: NestFastifyApplication; ds: DataSource };
  let indexA: StationIndexService;
  let indexB: StationIndexService;
  let admin: Session;
  let worker: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nuanxin-changes-'));
    // SQLite: one file both apps open (the default in-memory database would be one per app).
    const overrides = { JOBS_ENABLED: 'false', SQLITE_PATH: join(dir, 'city.sqlite') };
    a = await createTestApp(overrides);
    const created = await createApp({ env: testEnv(overrides) });
    await created.app.getHttpAdapter().getInstance().ready();
    b = { app: created.app, ds: created.app.get(DataSource) };
    indexA = a.app.get(StationIndexService);
    indexB = b.app.get(StationIndexService);
    admin = await devLogin(a.app, 'demo-admin');
    worker = await devLogin(a.app, 'demo-worker');
    // Both replicas start level: whatever the boots wrote (the seed) is taken in.
    await indexA.refreshIfChanged();
    await indexB.refreshIfChanged();
  }, 180_000);

  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const station = (code: string) => a.ds.getRepository(Station).findOneByOrFail({ code });
  /** The station as the replica's nearby answer shows it (undefined when not listed). */
  const listed = async (app: NestFastifyApplication, s: Station) => {
    const res = await app.inject({ method: 'GET', url: `/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&limit=5&radiusKm=1` });
    expect(res.statusCode).toBe(200);
    return (res.json() as Array<{ id: string; ratingCount: number; services: string[] }>).find((x) => x.id === s.id);
  };
  const maxChangeId = async () => Number((await a.ds.query('SELECT MAX(id) AS top FROM station_changes'))[0].top ?? 0);
  /** A change as another replica writes it: the rating and its change-log row with this id, in one transaction. */
  const rateWithChangeId = (s: Station, changeId: number) =>
    a.ds.transaction(async (em) => {
      await em.query('UPDATE stations SET ratingSum = ratingSum + 5, ratingCount = ratingCount + 1 WHERE id = ?', [s.id]);
      await em.query('INSERT INTO station_changes (id, stationId, source, createdAt) VALUES (?, ?, ?, ?)', [changeId, s.id, randomUUID(), sqlTime(Date.now())]);
    });

  it('a rating taken by one replica shows in the other one\'s nearby answer after its poll, and writes no shared row', async () => {
    const s = await station('ST-SM-04');
    const was = (await listed(b.app, s))!;
    const version = await readValue(a.ds.manager, STATIONS_VERSION);
    const res = await a.app.inject({ method: 'POST', url: `/api/stations/${s.id}/ratings`, headers: { ...worker.auth, 'idempotency-key': randomUUID() }, payload: { score: 4 } });
    expect(res.statusCode).toBe(201);
    expect((await listed(a.app, s))!.ratingCount).toBe(was.ratingCount + 1);
    // the replica that took it has nothing to take in; the other one re-reads the station
    expect(await indexA.refreshIfChanged()).toBe(false);
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, s))!.ratingCount).toBe(was.ratingCount + 1);
    expect(await indexB.refreshIfChanged()).toBe(false);
    // no version row bumped: concurrent ratings of different stations share no row
    expect(await readValue(a.ds.manager, STATIONS_VERSION)).toBe(version);
  });

  it('an edit and a deactivation taken by one replica reach the other one', async () => {
    const edited = await station('ST-SM-05');
    const suspended = await station('ST-SM-06');
    expect((await a.app.inject({ method: 'PATCH', url: `/api/stations/${edited.id}`, headers: admin.auth, payload: { services: ['wifi', 'water_hot'] } })).statusCode).toBe(200);
    expect((await a.app.inject({ method: 'PATCH', url: `/api/stations/${suspended.id}`, headers: admin.auth, payload: { status: 'suspended' } })).statusCode).toBe(200);
    expect(await listed(b.app, suspended)).toBeDefined();
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, edited))!.services).toEqual(['wifi', 'water_hot']);
    expect(await listed(b.app, suspended)).toBeUndefined();
  });

  it('a lower change-log id that becomes visible after a higher one is still taken in', async () => {
    // The same shape as two transactions committing out of order, on both databases: ids given explicitly.
    const late = await station('ST-SM-07');
    const early = await station('ST-SM-08');
    const [lateWas, earlyWas] = [(await listed(b.app, late))!, (await listed(b.app, early))!];
    const top = await maxChangeId();
    await rateWithChangeId(early, top + 2);
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, early))!.ratingCount).toBe(earlyWas.ratingCount + 1);
    await rateWithChangeId(late, top + 1);
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, late))!.ratingCount).toBe(lateWas.ratingCount + 1);
  });

  (DIALECT === 'mariadb' ? it : it.skip)('MariaDB: two transactions committing out of order — both changes reach the other replica', async () => {
    const first = await station('ST-SM-09');
    const second = await station('ST-SM-10');
    const [firstWas, secondWas] = [(await listed(b.app, first))!, (await listed(b.app, second))!];
    const qr = a.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await qr.manager.query('UPDATE stations SET ratingSum = ratingSum + 3, ratingCount = ratingCount + 1 WHERE id = ?', [first.id]);
      await indexA.changed(qr.manager, [first.id]); // takes the lower id, not committed yet
      await a.ds.transaction(async (em) => {
        await em.query('UPDATE stations SET ratingSum = ratingSum + 3, ratingCount = ratingCount + 1 WHERE id = ?', [second.id]);
        await indexA.changed(em, [second.id]); // the higher id, committed first
      });
      expect(await indexB.refreshIfChanged()).toBe(true);
      expect((await listed(b.app, second))!.ratingCount).toBe(secondWas.ratingCount + 1);
      expect((await listed(b.app, first))!.ratingCount).toBe(firstWas.ratingCount);
      await qr.commitTransaction();
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
    const ids = (await a.ds.query('SELECT id, stationId FROM station_changes WHERE stationId IN (?, ?) ORDER BY id DESC LIMIT 2', [first.id, second.id])) as Array<{ id: number; stationId: string }>;
    expect(ids.map((r) => r.stationId)).toEqual([second.id, first.id]); // the first transaction did hold the lower id
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, first))!.ratingCount).toBe(firstWas.ratingCount + 1);
  });

  it('an id that never commits (a rolled-back change) holds nothing back; after the overlap the poll reads from above it', async () => {
    const s = await station('ST-SM-11');
    const was = (await listed(b.app, s))!;
    const top = await maxChangeId();
    await rateWithChangeId(s, top + 2); // top + 1 never appears
    expect(await indexB.refreshIfChanged()).toBe(true);
    expect((await listed(b.app, s))!.ratingCount).toBe(was.ratingCount + 1);
    const clock = indexB.now;
    const spy = jest.spyOn(b.ds, 'query');
    try {
      indexB.now = () => clock() + CHANGE_OVERLAP_MS + 1000;
      expect(await indexB.refreshIfChanged()).toBe(false);
      expect(await indexB.refreshIfChanged()).toBe(false);
      const reads = spy.mock.calls.filter(([sql]) => /FROM station_changes WHERE id >/.test(sql));
      expect(reads.length).toBeGreaterThan(0);
      expect(Number((reads[reads.length - 1][1] as unknown[])[0])).toBeGreaterThanOrEqual(top + 2);
    } finally {
      spy.mockRestore();
      indexB.now = clock;
    }
  });

  it('a replica that could not poll for longer than half the keep time checks every station (rows it missed may be purged)', async () => {
    const s = await station('ST-JM-21');
    const was = (await listed(b.app, s))!;
    // a change whose change-log row is gone (purged while the replica was stopped)
    await a.ds.query('UPDATE stations SET ratingSum = ratingSum + 5, ratingCount = ratingCount + 1 WHERE id = ?', [s.id]);
    const clock = indexB.now;
    try {
      indexB.now = () => clock() + STATION_CHANGES_KEPT_MS;
      expect(await indexB.refreshIfChanged()).toBe(true);
    } finally {
      indexB.now = clock;
    }
    expect((await listed(b.app, s))!.ratingCount).toBe(was.ratingCount + 1);
  });

  it('the purge runs once across the replicas and keeps the last hour of rows', async () => {
    const s = await station('ST-HC-29');
    const now = Date.now();
    const old = sqlTime(now - STATION_CHANGES_KEPT_MS - 60_000);
    for (let i = 0; i < 3; i++) await a.ds.query('INSERT INTO station_changes (stationId, source, createdAt) VALUES (?, ?, ?)', [s.id, randomUUID(), old]);
    await a.ds.query('INSERT INTO station_changes (stationId, source, createdAt) VALUES (?, ?, ?)', [s.id, 'kept', sqlTime(now - 60_000)]);
    const at = new Date(now);
    const run = (app: NestFastifyApplication) => app.get(Scheduler).runNow('stations-changes-purge', at);
    // Two apps on one SQLite file in one thread cannot write at the same moment; MariaDB gets the real race.
    if (DIALECT === 'mariadb') await Promise.all([run(a.app), run(b.app)]);
    else {
      await run(a.app);
      await run(b.app);
    }
    const runs = await a.ds.getRepository(JobRun).findBy({ job: 'stations-changes-purge' });
    expect(runs).toHaveLength(1);
    expect(runs[0].finishedAt).not.toBeNull();
    expect(Number((await a.ds.query('SELECT COUNT(*) AS n FROM station_changes WHERE createdAt < ?', [sqlTime(now - STATION_CHANGES_KEPT_MS)]))[0].n)).toBe(0);
    expect(Number((await a.ds.query("SELECT COUNT(*) AS n FROM station_changes WHERE source = 'kept'"))[0].n)).toBe(1);
  });
});
