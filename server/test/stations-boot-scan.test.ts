import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { nextValue, readValue } from '../src/counters/counters';
import { handOverBootScan, takeBootScan } from '../src/stations/boot-scan';
import { COLUMNS, FIELDS, StationColumnsBuilder, type StationRow } from '../src/stations/station-columns';
import { StationIndexService, STATIONS_VERSION, type NearbyQuery } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, type TestApp } from './helpers/test-app';

const QUERIES: NearbyQuery[] = [
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: [], openNow: false, now: new Date('2026-12-02T04:00:00Z') },
  { lat: 24.4798, lng: 118.0894, limit: 50, radiusMeters: 60_000, services: ['water_hot'], openNow: true, now: new Date('2026-12-02T04:00:00Z') },
];
const answers = (index: StationIndexService) =>
  QUERIES.map((q) => index.nearby(q).map(({ station, hit, staticBytes }) => ({ id: station.id, d: hit.distanceMeters, staticJson: staticBytes.toString(), hours: station.hours, closures: station.closures })));

/**
 * The boot-scan worker (main.ts) reads the stations before the index's first load reads the version row and the
 * change log: what was committed in between must still reach the index. The scan is handed over here as the worker
 * hands it (columns + the version read before it), on both databases.
 */
describe('stations index: a boot scan made earlier and handed over', () => {
  let t: TestApp;
  let repo: Repository<Station>;
  beforeAll(async () => {
    t = await createTestApp();
    repo = t.app.get<Repository<Station>>(getRepositoryToken(Station));
  });
  afterAll(() => t.close());

  /** What the worker does: every open station into columns, and the version row read before. */
  const scanNow = async () => {
    const version = await readValue(t.ds.manager, STATIONS_VERSION);
    const rows: Array<Record<string, unknown>> = await t.ds.query(`SELECT ${COLUMNS} FROM stations WHERE status = 'open' ORDER BY id`);
    const b = new StationColumnsBuilder();
    for (const r of rows) b.add(FIELDS.map((f) => r[f]) as StationRow);
    return { columns: b.finish(), version };
  };
  const fresh = async () => {
    const f = new StationIndexService(repo, t.ds);
    await f.rebuild();
    return f;
  };
  const loadHandedOver = async (scan: Awaited<ReturnType<typeof scanNow>>) => {
    handOverBootScan(Promise.resolve(scan));
    const idx = new StationIndexService(repo, t.ds);
    await idx.rebuild();
    expect(takeBootScan()).toBeUndefined(); // it was taken in
    return idx;
  };

  it('answers like an index that scanned itself', async () => {
    const idx = await loadHandedOver(await scanNow());
    const f = await fresh();
    expect(idx.size).toBe(f.size);
    expect(answers(idx)).toEqual(answers(f));
  });

  it('takes in a station changed by another replica after the scan (from the change log)', async () => {
    const scan = await scanNow();
    const s = await repo.findOneByOrFail({ code: 'ST-SM-02' });
    const writer = new StationIndexService(repo, t.ds);
    await t.ds.transaction(async (em) => {
      await em.update(Station, { id: s.id }, { name: '扫描之后改名', services: ['water_hot'], updatedAt: new Date() });
      await writer.changed(em, [s.id]);
    });
    const idx = await loadHandedOver(scan);
    expect(answers(idx)).toEqual(answers(await fresh()));
    expect(answers(idx)[1].some((a) => a.id === s.id && a.staticJson.includes('扫描之后改名'))).toBe(true);
  });

  it('checks every station when the version row moved after the scan (a bulk change without change-log rows)', async () => {
    const scan = await scanNow();
    const s = await repo.findOneByOrFail({ code: 'ST-SM-03' });
    await repo.update({ id: s.id }, { status: 'suspended', updatedAt: new Date() });
    await t.ds.transaction((em) => nextValue(em, STATIONS_VERSION));
    const idx = await loadHandedOver(scan);
    expect(answers(idx)[0].map((a) => a.id)).not.toContain(s.id);
    expect(answers(idx)).toEqual(answers(await fresh()));
  });
});
