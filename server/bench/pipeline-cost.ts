/**
 * What one request costs the server in CPU, measured so that a busy machine does not distort it: the server's own
 * CPU time (user + system, all its threads, from /proc/PID/stat) over a fixed number of requests, divided by
 * that number. Other processes taking the cores make a request wait longer, but do not make it cost more CPU, so
 * the figure and the ratios between servers hold under load (req/s, printed too, do not).
 *
 *   node .bench/bench/pipeline-cost.js                 # after `pnpm run build && swc src bench -d .bench`
 *   PIPELINE_BASE_MAIN=/path/to/other/dist/main.js …   # also an older build, in alternation (before/after)
 *
 * Servers: this build (SQLite, the demo city seeded), optionally PIPELINE_BASE_MAIN's, and bare Fastify
 * (bench/bare-fastify.ts) answering /api/stations/nearby with the app's own bytes. Routes: the public
 * `/api/stations/nearby` and the service catalogue `GET /api/stations/services` (public, a constant answer) sent with a worker's
 * bearer token: the guard then checks the token and loads the grants, as on every authenticated route. Each round runs each
 * server and route in turn (A B C, A B C, …): PIPELINE_ROUNDS (3), PIPELINE_REQUESTS per measurement (10,000),
 * PIPELINE_CONNECTIONS (50), PIPELINE_PORT (4201, +1, +2), PIPELINE_NODE_ARGS (node flags for this build's server),
 * PIPELINE_ONLY (a substring of the case labels, e.g. `nearby`). Prints the median µs CPU per request and the ratios.
 *
 * PIPELINE_DB_URL: the apps boot from that database instead of the demo city (e.g. `nuanxin_bench_app`, which
 * `pnpm bench:stations` leaves behind with its 200,000 stations) and nearby cycles through the stations bench's own
 * 2,000 distinct queries (nearest 10 within 50 km offering `microwave`): the full-size nearby, in alternation.
 */
import { JwtService } from '@nestjs/jwt';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

const ROUNDS = Number(process.env.PIPELINE_ROUNDS ?? 3);
const REQUESTS = Number(process.env.PIPELINE_REQUESTS ?? 10_000);
const CONNECTIONS = Number(process.env.PIPELINE_CONNECTIONS ?? 50);
const PORT = Number(process.env.PIPELINE_PORT ?? 4201);
const SECRET = 'bench-secret-0123456789-0123456789-abcdef';
const NEARBY = '/api/stations/nearby?lat=24.4798&lng=118.0894&limit=10&radiusKm=50';
const CLK_TCK = 100;
const DB_URL = process.env.PIPELINE_DB_URL;
/** The stations bench's queries (bench/stations.bench.ts: same seed, same rounding), for PIPELINE_DB_URL runs. */
function stationsBenchQueries(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CITIES, prng, gauss } = require('./cities') as typeof import('./cities');
  const rand = prng(11);
  return Array.from({ length: 2000 }, () => {
    const c = CITIES[Math.floor(rand() * CITIES.length)];
    const [lat, lng] = [c[1] + gauss(rand) * 0.1, c[2] + gauss(rand) * 0.12];
    return `/api/stations/nearby?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&limit=10&radiusKm=50&services=microwave`;
  });
}

interface Server {
  name: string;
  port: number;
  proc: ChildProcess;
  dir?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** user + system CPU of a process and all its threads, in µs (clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

async function waitHealthy(s: Server): Promise<void> {
  let exited: number | null = null;
  s.proc.on('exit', (c) => (exited = c ?? -1));
  for (let i = 0; i < 1800 && exited === null; i++) {
    if (await fetch(`http://127.0.0.1:${s.port}/api/health`).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error(`${s.name} did not become healthy (exit ${exited})`);
}

function startApp(name: string, main: string, port: number): Server {
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-cost-'));
  // PIPELINE_NODE_ARGS: node flags for this build's server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = name === 'this build' ? (process.env.PIPELINE_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const proc = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...(DB_URL ? { DB_URL, SEED_DEMO: 'false' } : { SQLITE_PATH: join(dir, 'db.sqlite'), SEED_DEMO: 'true' }),
      STORAGE_DIR: join(dir, 'storage'),
      LOG_LEVEL: process.env.PIPELINE_LOG_LEVEL ?? 'warn',
      H5_DIST: '/nonexistent',
      NODE_ENV: 'development',
      JOBS_ENABLED: 'false',
      JWT_SECRET: SECRET,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, port, proc, dir };
}

async function workerToken(dir: string): Promise<string> {
  const ds = new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite') });
  await ds.initialize();
  const [row] = await ds.query("SELECT userId FROM user_roles WHERE role = 'worker' LIMIT 1");
  await ds.destroy();
  return new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } }).sign({ sub: row.userId, typ: 'access' }, { expiresIn: 3600 });
}

async function measure(s: Server, path: string | string[], headers: Record<string, string>): Promise<{ usPerReq: number; rps: number; non2xx: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; non2xx: number; errors: number; duration: number }>;
  const c0 = cpuMicros(s.proc.pid!);
  let k = 0;
  const many = Array.isArray(path) ? { requests: [{ setupRequest: (req: object) => ({ ...req, path: path[k++ % path.length] }) }] } : {};
  const r = await autocannon({ url: `http://127.0.0.1:${s.port}${Array.isArray(path) ? '' : path}`, connections: CONNECTIONS, amount: REQUESTS, headers, ...many });
  const c1 = cpuMicros(s.proc.pid!);
  return { usPerReq: (c1 - c0) / REQUESTS, rps: REQUESTS / r.duration, non2xx: r.non2xx + r.errors };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const servers: Server[] = [startApp('this build', join(__dirname, '..', '..', 'dist', 'main.js'), PORT)];
  if (process.env.PIPELINE_BASE_MAIN) servers.push(startApp('base build', resolve(process.env.PIPELINE_BASE_MAIN), PORT + 1));
  const bodyFile = join(tmpdir(), `pipeline-cost-body-${process.pid}.json`);
  try {
    for (const s of servers) await waitHealthy(s);
    const nearby = DB_URL ? stationsBenchQueries() : NEARBY;
    writeFileSync(bodyFile, await fetch(`http://127.0.0.1:${PORT}${DB_URL ? nearby[0] : NEARBY}`).then((r) => r.text()));
    const bare: Server = { name: 'bare Fastify', port: PORT + 2, proc: spawn(process.execPath, [join(__dirname, 'bare-fastify.js')], { env: { ...process.env, BARE_PORT: String(PORT + 2), BARE_BODY_FILE: bodyFile }, stdio: ['ignore', 'inherit', 'inherit'] }) };
    servers.push(bare);
    await waitHealthy(bare);
    const token = DB_URL ? '' : await workerToken(servers[0].dir!);
    const cases: Array<{ label: string; s: Server; path: string | string[]; headers: Record<string, string> }> = [];
    for (const s of servers) cases.push({ label: `${s.name}: nearby`, s, path: nearby, headers: {} });
    for (const s of DB_URL ? [] : servers.filter((x) => x !== bare)) {
      // A token for the same demo worker id: every build seeds the demo city with the same ids.
      cases.push({ label: `${s.name}: services + token (guard)`, s, path: '/api/stations/services', headers: { authorization: `Bearer ${token}` } });
    }
    // PIPELINE_ONLY=nearby (or services): measure only the cases whose label contains it (bare Fastify's stays).
    const only = process.env.PIPELINE_ONLY;
    if (only) cases.splice(0, cases.length, ...cases.filter((c) => c.label.includes(only) || c.s === bare));
    const results = new Map<string, Array<{ usPerReq: number; rps: number; non2xx: number }>>(cases.map((c) => [c.label, []]));
    // Warm-up (JIT, caches), not counted.
    for (const c of cases) await measure(c.s, c.path, c.headers);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of cases) {
        const r = await measure(c.s, c.path, c.headers);
        results.get(c.label)!.push(r);
        console.log(`round ${round}  ${c.label.padEnd(36)} ${r.usPerReq.toFixed(0).padStart(5)} µs CPU/request  ${r.rps.toFixed(0).padStart(6)} req/s${r.non2xx ? `  NON-2xx ${r.non2xx}` : ''}`);
      }
    }
    console.log(`\n${REQUESTS} requests per measurement, ${CONNECTIONS} connections, ${ROUNDS} rounds; medians:`);
    const med = (label: string) => median(results.get(label)!.map((r) => r.usPerReq));
    for (const c of cases) console.log(`${c.label.padEnd(36)} ${med(c.label).toFixed(0).padStart(5)} µs CPU/request`);
    const bareUs = med('bare Fastify: nearby');
    for (const s of servers.filter((x) => x !== bare && results.has(`${x.name}: nearby`))) {
      console.log(`${s.name}: nearby costs ${(med(`${s.name}: nearby`) / bareUs).toFixed(2)}× bare Fastify's CPU per request → at most ${((bareUs / med(`${s.name}: nearby`)) * 100).toFixed(0)} % of its req/s when the CPU is the limit`);
    }
    if (process.env.PIPELINE_BASE_MAIN) {
      for (const route of ['nearby', 'services + token (guard)'].filter((r) => results.has(`this build: ${r}`))) {
        console.log(`this build / base build, ${route}: ${(med(`this build: ${route}`) / med(`base build: ${route}`)).toFixed(2)} of the CPU per request`);
      }
    }
  } finally {
    for (const s of servers) s.proc.kill('SIGTERM');
    // Wait for the exits (a --cpu-prof profile is written then).
    for (let i = 0; i < 200 && servers.some((s) => s.proc.exitCode === null && s.proc.signalCode === null); i++) await sleep(100);
    for (const s of servers) if (s.dir) rmSync(s.dir, { recursive: true, force: true });
    rmSync(bodyFile, { force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
