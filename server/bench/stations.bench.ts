/**
 * `pnpm bench:stations`: nearest-10 with one service filter over 200,000 synthetic stations spread over
 * China's cities (seeded, reproducible).
 *  1. the in-memory index (GeoIndex), p50/p99 per query;
 *  2. the best SQL path on MariaDB (lat/lng B-tree box, service bitmask, ORDER BY haversine, expanding box),
 *     p50/p99 and the ratio — skipped with a note if MariaDB cannot be started;
 *  3. HTTP throughput of GET /api/stations/nearby on the real server at 50 connections (autocannon), p99.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICE_CODES } from '@nuanxin/shared';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { configurePiiFromConfig } from '../src/pii/pii.module';
import { GeoIndex, type IndexedPoint } from '../src/stations/geo-index';
import { CITIES, gauss, prng } from './cities';

const N = Number(process.env.BENCH_STATIONS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);
const SQL_QUERIES = Number(process.env.BENCH_SQL_QUERIES ?? 1_000);
const ROOT = resolve(__dirname, '..', '..', '..');
const SERVICE = 'microwave';

function synthesize(): Array<IndexedPoint & { mask: number }> {
  const rand = prng(20261123);
  const total = CITIES.reduce((s, c) => s + c[3], 0);
  const out: Array<IndexedPoint & { mask: number }> = [];
  for (const [, lat, lng, w] of CITIES) {
    const count = Math.round((N * w) / total);
    for (let i = 0; i < count && out.length < N; i++) {
      const services = SERVICE_CODES.filter(() => rand() < 0.35).slice(0, 12);
      let mask = 0;
      services.forEach((s) => (mask |= 1 << SERVICE_CODES.indexOf(s)));
      out.push({ id: `b${String(out.length).padStart(7, '0')}`, lat: +(lat + gauss(rand) * 0.12).toFixed(6), lng: +(lng + gauss(rand) * 0.15).toFixed(6), services, mask });
    }
  }
  return out;
}

function queryPoints(count: number, seed: number): Array<[number, number]> {
  const rand = prng(seed);
  return Array.from({ length: count }, () => {
    const c = CITIES[Math.floor(rand() * CITIES.length)];
    return [c[1] + gauss(rand) * 0.1, c[2] + gauss(rand) * 0.12];
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

function benchIndex(points: IndexedPoint[]): { p50: number; p99: number } {
  const t0 = performance.now();
  const index = new GeoIndex(points);
  console.log(`index build: ${points.length} stations in ${(performance.now() - t0).toFixed(0)} ms`);
  const qs = queryPoints(QUERIES, 7);
  for (const [lat, lng] of qs.slice(0, 2000)) index.nearest(lat, lng, 10, 50_000, [SERVICE]); // warm-up
  const times: number[] = [];
  for (const [lat, lng] of qs) {
    const s = performance.now();
    index.nearest(lat, lng, 10, 50_000, [SERVICE]);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

async function startMariaDb(): Promise<string | null> {
  return new Promise((res) => {
    const p = spawn('bash', [join(ROOT, 'scripts', 'mariadb.sh'), 'start'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => res(code === 0 ? out.trim().split('\n').pop()! : null));
  });
}

async function benchSql(points: Array<IndexedPoint & { mask: number }>, index: GeoIndex): Promise<{ p50: number; p99: number } | null> {
  const url = await startMariaDb();
  if (!url) {
    console.log('SQL path: skipped (MariaDB could not be started; apt-get install -y mariadb-server)');
    return null;
  }
  const ds = new DataSource({ type: 'mariadb', url: url.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
  await ds.initialize();
  await ds.query('DROP TABLE IF EXISTS bench_stations');
  await ds.query('CREATE TABLE bench_stations (id VARCHAR(36) PRIMARY KEY, lat DECIMAL(9,6) NOT NULL, lng DECIMAL(9,6) NOT NULL, services INT UNSIGNED NOT NULL, INDEX ix_lat_lng (lat, lng)) ENGINE=InnoDB');
  const t0 = performance.now();
  for (let i = 0; i < points.length; i += 2000) {
    const chunk = points.slice(i, i + 2000);
    await ds.query(`INSERT INTO bench_stations (id, lat, lng, services) VALUES ${chunk.map(() => '(?,?,?,?)').join(',')}`, chunk.flatMap((p) => [p.id, p.lat, p.lng, p.mask >>> 0]));
  }
  await ds.query('ANALYZE TABLE bench_stations');
  console.log(`MariaDB load: ${points.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bit = 1 << SERVICE_CODES.indexOf(SERVICE);
  // Best portable SQL: a lat/lng box on the B-tree, the service bit, haversine in ORDER BY; widen the box until 10 rows.
  const sql = `SELECT id, (6371008.8 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(lat)) * POWER(SIN(RADIANS(lng - ?) / 2), 2)))) AS d
    FROM bench_stations WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ? AND (services & ?) = ? ORDER BY d, id LIMIT 10`;
  const qs = queryPoints(SQL_QUERIES, 7);
  const times: number[] = [];
  let mismatches = 0;
  for (const [lat, lng] of qs) {
    const s = performance.now();
    let rows: Array<{ id: string; d: number }> = [];
    for (let km = 2; km <= 64; km *= 2) {
      const dLat = km / 111.2;
      const dLng = km / (111.2 * Math.cos((lat * Math.PI) / 180));
      rows = await ds.query(sql, [lat, lat, lng, lat - dLat, lat + dLat, lng - dLng, lng + dLng, bit, bit]);
      // the k-th row must lie within the inscribed circle of the box to be final
      if (rows.length === 10 && Number(rows[9].d) <= km * 1000) break;
    }
    times.push(performance.now() - s);
    const fromIndex = index.nearest(lat, lng, 10, 64_000, [SERVICE]).map((h) => h.id);
    if (rows.map((r) => r.id).join() !== fromIndex.join()) mismatches++;
  }
  times.sort((a, b) => a - b);
  await ds.query('DROP TABLE bench_stations');
  await ds.destroy();
  console.log(`SQL path agreement with the index: ${SQL_QUERIES - mismatches}/${SQL_QUERIES} identical answers (differences are float ties at the 10th place)`);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

async function benchHttp(points: IndexedPoint[]): Promise<void> {
  const dbFile = '/tmp/nuanxin-bench.sqlite';
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(f)) rmSync(f);
  // Load the stations through the app's own migrations and tables.
  process.env.SQLITE_PATH = dbFile;
  const config = loadConfig({ SQLITE_PATH: dbFile });
  configurePiiFromConfig(config);
  const ds = createDataSource(config);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const orgId = '00000000-0000-4000-8000-000000000001';
  await ds.query(`INSERT INTO orgs (id, code, name, level, parentId, path, depth, autoApprove, catchAll, isMediationCentre, active, mediationWorkdays, createdAt, updatedAt) VALUES (?, 'BENCH', '基准测试', 'city', NULL, ?, 0, 0, 0, 0, 1, NULL, ?, ?)`, [orgId, `/${orgId}/`, new Date().toISOString(), new Date().toISOString()]);
  const hours = JSON.stringify({ alwaysOpen: true, days: [[], [], [], [], [], [], []] });
  const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
  await ds.transaction(async (em) => {
    for (let i = 0; i < points.length; i += 500) {
      const chunk = points.slice(i, i + 500);
      await em.query(
        `INSERT INTO stations (id, code, name, address, district, lat, lng, level, parentId, hostType, phone, photos, hours, closures, services, status, orgId, ratingSum, ratingCount, createdAt, updatedAt) VALUES ${chunk.map(() => "(?, ?, ?, '基准地址', '基准区', ?, ?, 'point', NULL, 'other', NULL, '[]', ?, '[]', ?, 'open', ?, 0, 0, ?, ?)").join(',')}`,
        chunk.flatMap((p, j) => [`00000000-0000-4000-9000-${String(i + j).padStart(12, '0')}`, `B${i + j}`, `基准驿站${i + j}`, p.lat, p.lng, hours, JSON.stringify(p.services), orgId, now, now]),
      );
    }
  });
  await ds.destroy();

  const port = 3999;
  const server = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    env: { ...process.env, PORT: String(port), SQLITE_PATH: dbFile, SEED_DEMO: 'false', LOG_LEVEL: 'warn', H5_DIST: '/nonexistent', NODE_ENV: 'production', JWT_SECRET: 'bench-secret-0123456789-0123456789-abcdef', PII_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, PII_HMAC_KEY: Buffer.alloc(32, 2).toString('base64') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const qs = queryPoints(2000, 11).map(([lat, lng]) => `/api/stations/nearby?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&limit=10&radiusKm=50&services=${SERVICE}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
    let k = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 50,
      duration: Number(process.env.BENCH_HTTP_SECONDS ?? 10),
      requests: [{ setupRequest: (req: object) => ({ ...req, path: qs[k++ % qs.length] }) }],
    });
    console.log(`HTTP /api/stations/nearby, 50 connections: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
  } finally {
    server.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  console.log(`Stations benchmark: ${N} synthetic stations, nearest-10 with service "${SERVICE}"`);
  const points = synthesize();
  const idx = benchIndex(points);
  console.log(`index query: p50 ${fmt(idx.p50)}, p99 ${fmt(idx.p99)} over ${QUERIES} queries (target p99 ≤ 0.5 ms)`);
  const sql = await benchSql(points, new GeoIndex(points));
  if (sql) console.log(`SQL path (MariaDB lat/lng box): p50 ${fmt(sql.p50)}, p99 ${fmt(sql.p99)} over ${SQL_QUERIES} queries → index is ${(sql.p50 / idx.p50).toFixed(0)}× faster at p50, ${(sql.p99 / idx.p99).toFixed(0)}× at p99 (target ≥ 10×)`);
  if (process.env.BENCH_SKIP_HTTP !== '1') await benchHttp(points);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
