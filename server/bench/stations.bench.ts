/**
 * `pnpm bench:stations`: nearest-10 with one service filter over 200,000 synthetic stations spread over
 * China's cities (seeded, reproducible).
 *  1. the in-memory index (GeoIndex), p50/p99 per query;
 *  2. the same queries on MariaDB through a lat/lng B-tree box and through a spatial index (MBRContains), both with
 *     the service bitmask, ORDER BY haversine and an expanding box; the faster is the "best SQL path" for the ratio —
 *     skipped with a note if MariaDB cannot be started (database `nuanxin_bench`, or BENCH_DB_URL);
 *  3. HTTP throughput of GET /api/stations/nearby on the real server at 50 connections (autocannon), p99, and of a
 *     bare Fastify route serving one of its answers (bench/bare-fastify.ts): the ratio is the request pipeline's cost;
 *     the server's boot time to healthy and its RSS at ready;
 *  then a PASS/FAIL line per target. Smaller smoke runs: BENCH_STATIONS, BENCH_QUERIES, BENCH_SQL_QUERIES,
 *  BENCH_HTTP_SECONDS; BENCH_SKIP_SQL=1 / BENCH_SKIP_HTTP=1 leave a part out; BENCH_NODE_ARGS adds node flags to the server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICE_CODES } from '@nuanxin/shared';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { configurePiiFromConfig } from '../src/pii/pii.module';
import { GeoIndex, type IndexedPoint } from '../src/stations/geo-index';
import { CITIES, gauss, prng, synthesizeStations, type BenchStation } from './cities';

const N = Number(process.env.BENCH_STATIONS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);
const SQL_QUERIES = Number(process.env.BENCH_SQL_QUERIES ?? 1_000);
const ROOT = resolve(__dirname, '..', '..', '..');
const SERVICE = 'microwave';

function synthesize(): BenchStation[] {
  const out = synthesizeStations(N);
  if (out.length !== N) throw new Error(`synthesised ${out.length} stations, expected ${N}`);
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

/** True when this run started the MariaDB (none was running): it stops it again at the end, whatever happens. */
let startedMariaDb = false;

async function startMariaDb(): Promise<string | null> {
  if (process.env.BENCH_DB_URL) return process.env.BENCH_DB_URL;
  startedMariaDb = spawnSync('bash', [join(ROOT, 'scripts', 'mariadb.sh'), 'running']).status !== 0;
  return new Promise((res) => {
    const p = spawn('bash', [join(ROOT, 'scripts', 'mariadb.sh'), 'start'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    // Its own database, so the benchmark never touches a database the tests are using.
    p.on('close', (code) => res(code === 0 ? out.trim().split('\n').pop()!.replace(/\/[^/]*$/, '/nuanxin_bench') : null));
  });
}

interface Box {
  south: number;
  north: number;
  west: number;
  east: number;
}

/** One way of asking MariaDB for nearest-10: a table layout and the WHERE that narrows rows to a box. */
interface SqlPath {
  name: string;
  table: string;
  columns: string;
  /** VALUES tuple for one row, with placeholders for id, lat, lng, services. */
  tuple: string;
  where: string;
  params(b: Box): unknown[];
}

const SQL_PATHS: SqlPath[] = [
  {
    name: 'lat/lng B-tree box',
    table: 'bench_stations_box',
    columns: 'id VARCHAR(36) PRIMARY KEY, lat DECIMAL(9,6) NOT NULL, lng DECIMAL(9,6) NOT NULL, services INT UNSIGNED NOT NULL, INDEX ix_lat_lng (lat, lng)',
    tuple: '(?,?,?,?)',
    where: 'lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?',
    params: (b) => [b.south, b.north, b.west, b.east],
  },
  {
    name: 'spatial index (MBRContains)',
    table: 'bench_stations_spatial',
    columns: 'id VARCHAR(36) PRIMARY KEY, lat DECIMAL(9,6) NOT NULL, lng DECIMAL(9,6) NOT NULL, services INT UNSIGNED NOT NULL, pt POINT NOT NULL, SPATIAL INDEX sp_pt (pt)',
    tuple: '(?,?,?,?,POINT(?,?))',
    where: 'MBRContains(ST_GeomFromText(?), pt)',
    params: (b) => [`POLYGON((${b.west} ${b.south},${b.east} ${b.south},${b.east} ${b.north},${b.west} ${b.north},${b.west} ${b.south}))`],
  },
];

interface SqlResult {
  name: string;
  p50: number;
  p99: number;
}

async function benchSql(points: BenchStation[], index: GeoIndex): Promise<SqlResult[] | null> {
  const url = await startMariaDb();
  if (!url) {
    console.log('SQL path: skipped (MariaDB could not be started; apt-get install -y mariadb-server)');
    return null;
  }
  const dbName = new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);
  const admin = new DataSource({ type: 'mariadb', url: url.replace(/^mariadb:/, 'mysql:').replace(/\/[^/]*$/, '/'), timezone: 'Z' });
  await admin.initialize();
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${dbName}\``);
  await admin.destroy();
  const ds = new DataSource({ type: 'mariadb', url: url.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
  await ds.initialize();
  const bit = 1 << SERVICE_CODES.indexOf(SERVICE);
  const qs = queryPoints(SQL_QUERIES, 7);
  const results: SqlResult[] = [];
  try {
    for (const path of SQL_PATHS) {
      await ds.query(`DROP TABLE IF EXISTS ${path.table}`);
      await ds.query(`CREATE TABLE ${path.table} (${path.columns}) ENGINE=InnoDB`);
      const t0 = performance.now();
      for (let i = 0; i < points.length; i += 2000) {
        const chunk = points.slice(i, i + 2000);
        const spatial = path.tuple.includes('POINT');
        await ds.query(
          `INSERT INTO ${path.table} VALUES ${chunk.map(() => path.tuple).join(',')}`,
          chunk.flatMap((p) => [p.id, p.lat, p.lng, p.mask >>> 0, ...(spatial ? [p.lng, p.lat] : [])]),
        );
      }
      await ds.query(`ANALYZE TABLE ${path.table}`);
      console.log(`MariaDB load (${path.name}): ${points.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      // Nearest-10: rows in the box with the service bit, haversine in ORDER BY; widen the box until the 10th row
      // lies within the box's inscribed circle, which makes the answer final.
      const sql = `SELECT id, (6371008.8 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(lat - ?) / 2), 2) + COS(RADIANS(?)) * COS(RADIANS(lat)) * POWER(SIN(RADIANS(lng - ?) / 2), 2)))) AS d
        FROM ${path.table} WHERE ${path.where} AND (services & ?) = ? ORDER BY d, id LIMIT 10`;
      const times: number[] = [];
      let mismatches = 0;
      for (const [lat, lng] of qs) {
        const s = performance.now();
        let rows: Array<{ id: string; d: number }> = [];
        for (let km = 2; km <= 64; km *= 2) {
          const dLat = km / 111.2;
          const dLng = km / (111.2 * Math.cos((lat * Math.PI) / 180));
          rows = await ds.query(sql, [lat, lat, lng, ...path.params({ south: lat - dLat, north: lat + dLat, west: lng - dLng, east: lng + dLng }), bit, bit]);
          if (rows.length === 10 && Number(rows[9].d) <= km * 1000) break;
        }
        times.push(performance.now() - s);
        const fromIndex = index.nearest(lat, lng, 10, 64_000, [SERVICE]).map((h) => h.id);
        if (rows.map((r) => r.id).join() !== fromIndex.join()) mismatches++;
      }
      times.sort((a, b) => a - b);
      await ds.query(`DROP TABLE ${path.table}`);
      console.log(`SQL path (${path.name}): p50 ${fmt(pct(times, 50))}, p99 ${fmt(pct(times, 99))} over ${qs.length} queries; ${qs.length - mismatches}/${qs.length} answers identical to the index`);
      results.push({ name: path.name, p50: pct(times, 50), p99: pct(times, 99) });
    }
  } finally {
    await ds.destroy();
  }
  return results;
}

async function benchHttp(points: IndexedPoint[]): Promise<Load & { ratio: number; bootMs: number; rssMb: number }> {
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
  // BENCH_NODE_ARGS: extra node flags for the server under load, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const bootStart = performance.now();
  const server = spawn(process.execPath, [...nodeArgs, join(ROOT, 'server', 'dist', 'main.js')], {
    env: { ...process.env, PORT: String(port), SQLITE_PATH: dbFile, SEED_DEMO: 'false', LOG_LEVEL: 'warn', H5_DIST: '/nonexistent', NODE_ENV: 'production', JWT_SECRET: 'bench-secret-0123456789-0123456789-abcdef', SMS_SENDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:9/sms-unused-by-the-benchmark', PUBLIC_BASE_URL: 'https://bench.nuanxin.invalid', PII_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, PII_HMAC_KEY: Buffer.alloc(32, 2).toString('base64') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const bareBody = '/tmp/nuanxin-bench-bare-body.json';
  let bare: ReturnType<typeof spawn> | null = null;
  try {
    await waitHealthy(server, port);
    const bootMs = performance.now() - bootStart;
    const rssMb = rssOf(server.pid!);
    console.log(`server boot to healthy with ${points.length} stations: ${bootMs.toFixed(0)} ms, RSS at ready ${rssMb.toFixed(0)} MB`);
    const qs = queryPoints(2000, 11).map(([lat, lng]) => `/api/stations/nearby?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&limit=10&radiusKm=50&services=${SERVICE}`);
    const app = await load(port, qs, '/api/stations/nearby (the app)');

    // The same answer from bare Fastify: one of the app's own bodies, served as is.
    const sample = await fetch(`http://127.0.0.1:${port}${qs[0]}`).then((r) => r.text());
    writeFileSync(bareBody, sample);
    const barePort = port + 1;
    bare = spawn(process.execPath, [join(__dirname, 'bare-fastify.js')], { env: { ...process.env, BARE_PORT: String(barePort), BARE_BODY_FILE: bareBody }, stdio: ['ignore', 'inherit', 'inherit'] });
    await waitHealthy(bare, barePort);
    const baseline = await load(barePort, qs, `bare Fastify, the same ${(Buffer.byteLength(sample) / 1024).toFixed(1)} KB answer`);
    const ratio = app.rps / baseline.rps;
    console.log(`pipeline: the app serves ${(ratio * 100).toFixed(0)} % of bare Fastify's req/s`);
    return { ...app, ratio, bootMs, rssMb };
  } finally {
    server.kill('SIGTERM');
    bare?.kill('SIGTERM');
    rmSync(bareBody, { force: true });
  }
}

/** Resident memory of a process (Linux /proc), in MB. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function waitHealthy(child: ReturnType<typeof spawn>, port: number): Promise<void> {
  let up = false;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  for (let i = 0; i < 600 && !up && exited === null; i++) {
    up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  // Measuring a server that never came up would print 0 req/s as if it were a figure.
  if (!up) throw new Error(exited !== null ? `the server on ${port} exited with code ${exited} before it was ready` : `the server on ${port} did not become healthy within 60 s`);
}

interface Load {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(port: number, paths: string[], what: string): Promise<Load> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
  let k = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: Number(process.env.BENCH_HTTP_SECONDS ?? 10),
    requests: [{ setupRequest: (req: object) => ({ ...req, path: paths[k++ % paths.length] }) }],
  });
  console.log(`HTTP ${what}, 50 connections: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  console.log(`Stations benchmark: ${N} synthetic stations, nearest-10 with service "${SERVICE}"${N !== 200_000 ? ` (reduced run: the targets are set for 200000)` : ''}`);
  const points = synthesize();
  console.log(`synthesised ${points.length} stations over ${CITIES.length} cities`);
  const idx = benchIndex(points);
  console.log(`index query: p50 ${fmt(idx.p50)}, p99 ${fmt(idx.p99)} over ${QUERIES} queries`);
  const verdicts: string[] = [];
  const judge = (ok: boolean, what: string) => verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
  judge(idx.p99 <= 0.5, `index p99 ${fmt(idx.p99)} ≤ 0.5 ms`);
  const sql = process.env.BENCH_SKIP_SQL === '1' ? null : await benchSql(points, new GeoIndex(points));
  if (sql?.length) {
    const best = [...sql].sort((a, b) => a.p50 - b.p50)[0];
    const r50 = best.p50 / idx.p50;
    const r99 = best.p99 / idx.p99;
    console.log(`best SQL path: ${best.name}, p50 ${fmt(best.p50)}, p99 ${fmt(best.p99)} → index is ${r50.toFixed(0)}× faster at p50, ${r99.toFixed(0)}× at p99`);
    judge(Math.min(r50, r99) >= 10, `index ≥ 10× faster than the best SQL path (${best.name}) at p50 and p99: ${r50.toFixed(1)}× / ${r99.toFixed(1)}×`);
  } else {
    verdicts.push(`SKIP  index ≥ 10× faster than SQL (${process.env.BENCH_SKIP_SQL === '1' ? 'BENCH_SKIP_SQL=1' : 'no MariaDB'})`);
  }
  if (process.env.BENCH_SKIP_HTTP !== '1') {
    const http = await benchHttp(points);
    judge(http.rps >= 3000 && http.p99 <= 50 && http.non2xx === 0 && http.errors === 0, `HTTP ≥ 3000 req/s with p99 ≤ 50 ms at 50 connections, all 2xx: ${http.rps.toFixed(0)} req/s, p99 ${http.p99} ms`);
    judge(http.ratio >= 0.6, `the app ≥ 60 % of bare Fastify serving the same answer: ${(http.ratio * 100).toFixed(0)} %`);
    judge(http.rssMb <= 350, `server RSS at ready ≤ 350 MB: ${http.rssMb.toFixed(0)} MB`);
    judge(http.bootMs <= 4000, `server boot to healthy ≤ 4 s: ${(http.bootMs / 1000).toFixed(1)} s`);
  } else {
    verdicts.push('SKIP  HTTP throughput (BENCH_SKIP_HTTP=1)');
  }
  console.log(`\ntargets (2-core machine, 200000 stations):\n${verdicts.join('\n')}`);
}

const stopMariaDb = () => {
  if (startedMariaDb) spawnSync('bash', [join(ROOT, 'scripts', 'mariadb.sh'), 'stop'], { stdio: 'inherit' });
};

main().then(
  () => {
    stopMariaDb();
    process.exit(0);
  },
  (err) => {
    console.error(err);
    stopMariaDb();
    process.exit(1);
  },
);
