/**
 * `pnpm bench:benefits`: the flash claim over HTTP against the real server on MariaDB. 20,000 members (batched
 * inserts), one campaign of 5,000 packs opening a few seconds after the load is ready, 200 concurrent connections
 * firing from the opening moment: every member claims once, and 2,000 of them claim twice at once (to try the
 * per-member limit). Prints claims/s until sold out, p50/p99, oversold, over the limit, losers told 已抢光 and
 * PASS/FAIL against ≥ 1,000/s, p99 ≤ 200 ms, 0/0 — then the same run against the naive read-then-write claim
 * (`BENEFITS_NAIVE_CLAIM_FOR_BENCH`, which the config refuses in production) as the comparison.
 * MariaDB: `scripts/mariadb.sh` (MARIADB_PORT), stopped again if this script started it; or BENCH_DB_URL.
 * Smaller runs: BENCH_MEMBERS, BENCH_STOCK, BENCH_CONNECTIONS, BENCH_TWICE; BENCH_SKIP_NAIVE=1; BENCH_SERVER_MAIN=<dist/main.js>;
 * BENCH_NODE_ARGS adds node flags to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 * Also printed: the server process's CPU time (user + system, /proc) per claim request over the firing phase — a
 * figure other work on the machine does not inflate, unlike claims/s (MariaDB's own CPU is not in it).
 */
import { JwtService } from '@nestjs/jwt';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
const STOCK = Number(process.env.BENCH_STOCK ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const TWICE = Number(process.env.BENCH_TWICE ?? 2_000);
const ROOT = resolve(__dirname, '..', '..', '..');
const SECRET = 'bench-secret-0123456789-0123456789-abcdef';
const PORT = 4113;
const TARGET = { claimsPerSecond: 1000, p99Ms: 200 };

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** user + system CPU of a process and its threads so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** mariadbd's pid when this checkout's scripts/mariadb.sh runs it (else null: its CPU is then not reported). */
function mariadbPid(): number | null {
  try {
    return Number(readFileSync(join(ROOT, '.tmp', 'mariadb', 'mysqld.pid'), 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

function mariadb(cmd: 'start' | 'stop' | 'url'): string {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'mariadb.sh'), cmd], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`scripts/mariadb.sh ${cmd} failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop() ?? '';
}

async function alive(url: string): Promise<boolean> {
  const ds = new DataSource({ type: 'mariadb', url: url.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
  try {
    await ds.initialize();
    await ds.destroy();
    return true;
  } catch {
    return false;
  }
}

/**
 * One keep-alive HTTP/1.1 connection, one request at a time (as a browser or mini-program connection is): writes a
 * request's prepared bytes, reads the status line, the headers and a Content-Length (or chunked) body. The bench's
 * client cost per request is a socket write and a small parse — Node's fetch (undici) cost ~900 µs of CPU per request
 * here, more than the server's share of the claim, so the client, not the server, set the pace (docs/benchmarks.md).
 */
class KeepAlive {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: { status: number; body: string }): void; reject(err: Error): void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    const fail = (err: Error) => {
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static open(port: number): Promise<KeepAlive> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new KeepAlive(socket)));
      socket.once('error', reject);
    });
  }

  send(req: Buffer): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(req);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString('latin1', 0, end).toLowerCase();
    const status = Number(head.slice(9, 12));
    const len = /\r\ncontent-length: *(\d+)/.exec(head);
    let body: string;
    let used: number;
    if (len) {
      used = end + 4 + Number(len[1]);
      if (this.buf.length < used) return;
      body = this.buf.toString('utf8', end + 4, used);
    } else if (/\r\ntransfer-encoding: *chunked/.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = parseInt(this.buf.toString('latin1', at, eol), 16);
        if (this.buf.length < eol + 2 + size + 2) return;
        if (size === 0) {
          used = eol + 4;
          break;
        }
        parts.push(this.buf.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      body = Buffer.concat(parts).toString('utf8');
    } else {
      this.waiting.reject(new Error(`response without a length: ${head.split('\r\n')[0]}`));
      this.waiting = null;
      return;
    }
    this.buf = this.buf.subarray(used);
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, body });
  }
}

interface Outcome {
  ms: number;
  status: number;
  code: string | null;
  at: number;
}

interface RunResult {
  label: string;
  claimsPerSecond: number;
  p50: number;
  p99: number;
  successes: number;
  oversold: number;
  overLimit: number;
  losers: number;
  losersSoldOut: number;
  faults: number;
  /** The server's CPU per request over the firing phase, µs. */
  cpuUsPerRequest: number;
  /** The server's CPU per request answered until the last success (20 ms samples), and after it (the refusals), µs. */
  salePhase: { requests: number; cpuUsPerRequest: number };
  afterPhase: { requests: number; cpuUsPerRequest: number };
  /** This bench process's (the HTTP client's) CPU per request over the firing phase, µs. */
  clientCpuUsPerRequest: number;
  /** mariadbd's CPU per request over the firing phase, µs (NaN when its pid is unknown). */
  dbCpuUsPerRequest: number;
  /** Statements MariaDB received per request over the firing phase (`Questions`). */
  statementsPerRequest: number;
  /** Wall time of the firing phase, ms. */
  firingMs: number;
  stockRow: { remaining: number; claimed: number };
}

async function run(label: string, baseUrl: string, naive: boolean): Promise<RunResult> {
  const dbName = `nuanxin_bench_benefits_${naive ? 'naive' : 'real'}`;
  const dbUrl = baseUrl.replace(/\/[^/]*$/, `/${dbName}`);
  const admin = new DataSource({ type: 'mariadb', url: baseUrl.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.destroy();

  // The real server, built (`pnpm run build`): migrations and the demo city (orgs) at boot.
  // BENCH_SERVER_MAIN: another build of the server (e.g. the previous commit's, for a back-to-back before/after).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, process.env.BENCH_SERVER_MAIN || join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(PORT),
      DB_URL: dbUrl,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      H5_DIST: '/nonexistent',
      NODE_ENV: 'development',
      JOBS_ENABLED: 'false',
      JWT_SECRET: SECRET,
      BENEFITS_NAIVE_CLAIM_FOR_BENCH: naive ? 'true' : 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited: number | null = null;
  server.on('exit', (c) => (exited = c ?? -1));
  try {
    let up = false;
    for (let i = 0; i < 240 && !up && exited === null; i++) {
      await sleep(500);
      up = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false);
    }
    if (!up) throw new Error(exited !== null ? `the server exited with ${exited}` : 'the server did not become healthy within 120 s');

    const ds = new DataSource({ type: 'mariadb', url: dbUrl.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
    await ds.initialize();
    const [city] = await ds.query("SELECT id FROM orgs WHERE code = 'XM'");
    const [mt] = await ds.query("SELECT id FROM orgs WHERE code = 'XM-MT'");
    const t0 = performance.now();
    const now = new Date();
    const users = Array.from({ length: MEMBERS }, (_, i) => ({ id: randomUUID(), n: i }));
    for (let i = 0; i < users.length; i += 1000) {
      const chunk = users.slice(i, i + 1000);
      await ds.query(`INSERT INTO users (id, openid, createdAt) VALUES ${chunk.map(() => '(?, ?, ?)').join(',')}`, chunk.flatMap((u) => [u.id, `bench-${u.n}`, now]));
      await ds.query(`INSERT INTO user_roles (id, userId, role, orgId, scopeRef, createdAt) VALUES ${chunk.map(() => "(?, ?, 'worker', NULL, NULL, ?)").join(',')}`, chunk.flatMap((u) => [randomUUID(), u.id, now]));
      await ds.query(
        `INSERT INTO memberships (id, memberNo, userId, orgId, idHash, name, status, activeKey, applicationId, since) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, '测试会员', 'active', ?, ?, ?)").join(',')}`,
        chunk.flatMap((u) => {
          const key = randomUUID().replace(/-/g, '');
          return [randomUUID(), `BN${String(u.n).padStart(10, '0')}`, u.id, mt.id, key, key, randomUUID(), now];
        }),
      );
    }
    console.log(`[${label}] seeded ${MEMBERS} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const campaignId = randomUUID();
    const opensAt = new Date(Date.now() + 4000);
    const items = [{ kind: 'threshold', thresholdFen: 5000, discountFen: 1000, percentOff: null, capFen: null, count: 1 }];
    // Builds from before the 劳模 flag (BENCH_SERVER_MAIN, for a before/after) have no modelWorkersOnly column.
    const [mw] = await ds.query("SHOW COLUMNS FROM benefit_campaigns LIKE 'modelWorkersOnly'");
    await ds.query(
      `INSERT INTO benefit_campaigns (id, title, description, orgId, status, items, packValueFen, stock, remaining, claimed, perMemberLimit, perDayLimit, occupations, claimOpensAt, claimClosesAt, validityMode, validDays, merchantIds, createdBy, createdAt, publishedAt${mw ? ', modelWorkersOnly' : ''})
       VALUES (?, '压测消费券', '', ?, 'published', ?, 1000, ?, ?, 0, 1, NULL, '[]', ?, ?, 'days', 30, '[]', 'bench', ?, ?${mw ? ', 0' : ''})`,
      [campaignId, city.id, JSON.stringify(items), STOCK, STOCK, opensAt, new Date(opensAt.getTime() + 3600_000), now, now],
    );

    const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
    const tokens = users.map((u) => jwt.sign({ sub: u.id, typ: 'access' }, { expiresIn: 3600 }));
    // Every member once; the first TWICE members a second time, right beside their first (to race themselves).
    const queue: number[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      queue.push(i);
      if (i < TWICE) queue.push(i);
    }
    const outcomes: Outcome[] = [];
    const path = `/api/benefits/campaigns/${campaignId}/claim`;
    // Built before the opening moment: each request's bytes (token, key, body), so the firing phase only writes them.
    const requests = queue.map((i) =>
      Buffer.from(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${PORT}\r\nauthorization: Bearer ${tokens[i]}\r\ncontent-type: application/json\r\n` +
          `idempotency-key: ${randomUUID()}\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}`,
      ),
    );
    const sockets = await Promise.all(Array.from({ length: CONNECTIONS }, () => KeepAlive.open(PORT)));
    let next = 0;
    const worker = async (conn: KeepAlive) => {
      while (next < queue.length) {
        const req = requests[next++];
        const s = performance.now();
        try {
          const res = await conn.send(req);
          const code = res.status === 201 ? null : ((JSON.parse(res.body) as { code?: string }).code ?? null);
          outcomes.push({ ms: performance.now() - s, status: res.status, code, at: performance.now() });
        } catch {
          outcomes.push({ ms: performance.now() - s, status: 0, code: 'NETWORK', at: performance.now() });
        }
      }
    };
    await sleep(Math.max(0, opensAt.getTime() - Date.now()));
    const start = performance.now();
    const cpu0 = cpuMs(server.pid!);
    const dbPid = mariadbPid();
    const db0 = dbPid ? cpuMs(dbPid) : NaN;
    const questions = async () => Number((await ds.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0].Value);
    const q0 = await questions();
    const client0 = process.cpuUsage();
    // The server's CPU and the answers so far every 20 ms: split the CPU between the sale (until the last success:
    // what claims/s measures) and the refusals after it.
    const ticks: Array<{ at: number; cpu: number; answered: number }> = [];
    const sampler = setInterval(() => ticks.push({ at: performance.now(), cpu: cpuMs(server.pid!), answered: outcomes.length }), 20);
    await Promise.all(sockets.map(worker));
    clearInterval(sampler);
    sockets.forEach((c) => c.close());
    const firingMs = performance.now() - start;
    const client = process.cpuUsage(client0);
    const cpuUsPerRequest = ((cpuMs(server.pid!) - cpu0) * 1000) / queue.length;
    const clientCpuUsPerRequest = (client.user + client.system) / queue.length;
    // Statements the server sent over the firing phase (server-wide counter: the bench's own 2 reads excluded).
    const statementsPerRequest = ((await questions()) - q0 - 2) / queue.length;
    const dbCpuUsPerRequest = dbPid ? ((cpuMs(dbPid) - db0) * 1000) / queue.length : NaN;
    const wins = outcomes.filter((o) => o.status === 201);
    const lastWin = wins.reduce((m, o) => Math.max(m, o.at), start);
    const cpuEnd = cpuMs(server.pid!);
    const saleEnd = ticks.find((t) => t.at >= lastWin) ?? { cpu: cpuEnd, answered: outcomes.length };
    const salePhase = { requests: saleEnd.answered, cpuUsPerRequest: ((saleEnd.cpu - cpu0) * 1000) / Math.max(1, saleEnd.answered) };
    const afterPhase = { requests: queue.length - saleEnd.answered, cpuUsPerRequest: ((cpuEnd - saleEnd.cpu) * 1000) / Math.max(1, queue.length - saleEnd.answered) };
    const lat = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const [rows] = await ds.query('SELECT COUNT(*) AS n FROM benefit_claims WHERE campaignId = ?', [campaignId]);
    const [over] = await ds.query('SELECT COUNT(*) AS n FROM (SELECT userId FROM benefit_claims WHERE campaignId = ? GROUP BY userId HAVING COUNT(*) > 1) x', [campaignId]);
    const [stock] = await ds.query('SELECT remaining, claimed FROM benefit_campaigns WHERE id = ?', [campaignId]);
    await ds.destroy();
    const losers = outcomes.filter((o) => o.status !== 201 && o.code !== 'COUPON_LIMIT_REACHED');
    return {
      label,
      claimsPerSecond: wins.length / ((lastWin - start) / 1000),
      p50: pct(lat, 50),
      p99: pct(lat, 99),
      successes: wins.length,
      oversold: Math.max(0, Number(rows.n) - STOCK),
      overLimit: Number(over.n),
      losers: losers.length,
      losersSoldOut: losers.filter((o) => o.status === 409 && o.code === 'COUPON_SOLD_OUT').length,
      faults: outcomes.filter((o) => o.status === 0 || o.status >= 500).length,
      cpuUsPerRequest,
      salePhase,
      afterPhase,
      clientCpuUsPerRequest,
      dbCpuUsPerRequest,
      firingMs,
      statementsPerRequest,
      stockRow: { remaining: Number(stock.remaining), claimed: Number(stock.claimed) },
    };
  } finally {
    server.kill('SIGTERM');
    // Long enough for a --cpu-prof profile to be written on exit.
    for (let i = 0; i < 200 && exited === null; i++) await sleep(100);
  }
}

function print(r: RunResult): void {
  console.log(`\n== ${r.label} ==`);
  console.log(`successful claims: ${r.successes} of stock ${STOCK} (campaign row: remaining ${r.stockRow.remaining}, claimed ${r.stockRow.claimed})`);
  console.log(`claims/s until sold out: ${r.claimsPerSecond.toFixed(0)}`);
  console.log(`latency (all ${MEMBERS + TWICE} requests): p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
  console.log(`oversold: ${r.oversold}; members over their limit: ${r.overLimit}; 5xx/network: ${r.faults}`);
  console.log(`losers: ${r.losers}, told 已抢光 (409 COUPON_SOLD_OUT): ${r.losersSoldOut}`);
  console.log(`server CPU per request (user + system of the server process over the firing phase): ${r.cpuUsPerRequest.toFixed(0)} µs`);
  console.log(
    `  of which until sold out (last success, 20 ms samples): ${r.salePhase.cpuUsPerRequest.toFixed(0)} µs over ${r.salePhase.requests} requests; after: ${r.afterPhase.cpuUsPerRequest.toFixed(0)} µs over ${r.afterPhase.requests}`,
  );
  console.log(`client CPU per request (this bench process): ${r.clientCpuUsPerRequest.toFixed(0)} µs; mariadbd CPU per request: ${Number.isNaN(r.dbCpuUsPerRequest) ? 'n/a (not started by this checkout)' : `${r.dbCpuUsPerRequest.toFixed(0)} µs`}`);
  console.log(`statements MariaDB received per request (Questions over the firing phase): ${r.statementsPerRequest.toFixed(2)}`);
  console.log(`firing phase: ${(r.firingMs / 1000).toFixed(2)} s for ${MEMBERS + TWICE} requests (${((MEMBERS + TWICE) / (r.firingMs / 1000)).toFixed(0)} requests/s)`);
}

async function main(): Promise<void> {
  let url = process.env.BENCH_DB_URL ?? '';
  let started = false;
  if (!url) {
    url = mariadb('url');
    if (!(await alive(url))) {
      url = mariadb('start');
      started = true;
    }
  }
  try {
    console.log(`flash claim: ${MEMBERS} members, stock ${STOCK}, ${CONNECTIONS} connections, ${TWICE} members claiming twice at once`);
    const real = await run('guarded claim (production path)', url, false);
    print(real);
    const verdicts = [
      `${real.claimsPerSecond >= TARGET.claimsPerSecond ? 'PASS' : 'FAIL'}  ≥ ${TARGET.claimsPerSecond} claims/s until sold out (${real.claimsPerSecond.toFixed(0)})`,
      `${real.p99 <= TARGET.p99Ms ? 'PASS' : 'FAIL'}  p99 ≤ ${TARGET.p99Ms} ms (${real.p99.toFixed(1)} ms)`,
      `${real.oversold === 0 && real.successes === STOCK ? 'PASS' : 'FAIL'}  0 oversold, stock given out exactly (${real.oversold}, ${real.successes}/${STOCK})`,
      `${real.overLimit === 0 ? 'PASS' : 'FAIL'}  0 members over their limit (${real.overLimit})`,
      `${real.losers === real.losersSoldOut && real.faults === 0 ? 'PASS' : 'FAIL'}  every loser told 已抢光 (${real.losersSoldOut}/${real.losers}), no 5xx (${real.faults})`,
    ];
    if (process.env.BENCH_SKIP_NAIVE !== '1') print(await run('naive read-then-write (comparison, bench-only flag)', url, true));
    console.log(`\n${verdicts.join('\n')}`);
    if (verdicts.some((v) => v.startsWith('FAIL'))) process.exitCode = 1;
  } finally {
    if (started) mariadb('stop');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
