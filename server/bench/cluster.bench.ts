/**
 * `pnpm bench:cluster`: GET /api/stations/nearby (the demo city) through nginx in front of two replicas vs one
 * replica directly, in the same run on the same cluster (scripts/cluster.sh start; stopped again when this run
 * started it). Prints req/s, p50/p99 and the ratio. Each side runs BENCH_SECONDS (default 10) at 50 connections,
 * measured twice in alternation (direct, nginx, direct, nginx) so a drift of the machine hits both sides alike.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const STATE = join(ROOT, '.tmp', 'cluster', 'cluster.json');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PATH = '/api/stations/nearby?lat=24.4637&lng=118.0978';

type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: object) => Promise<Result>;

const run = (url: string) => autocannon({ url: `${url}${PATH}`, connections: 50, duration: SECONDS, headers: { 'x-forwarded-for': '10.1.2.3' } });

async function main(): Promise<void> {
  const started = !existsSync(STATE) || spawnSync('curl', ['-fsS', '-o', '/dev/null', JSON.parse(readFileSync(STATE, 'utf8')).url + '/api/health']).status !== 0;
  // No log line per request, as in the stations benchmark (a running cluster is measured as it is).
  const env = { ...process.env, CLUSTER_LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn' };
  if (started) execFileSync('bash', [join(ROOT, 'scripts', 'cluster.sh'), 'start'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  try {
    const c = JSON.parse(readFileSync(STATE, 'utf8')) as { url: string; replicas: { a: string } };
    await run(c.replicas.a); // warm-up: JIT and index on both paths
    await run(c.url);
    const sides = { 'one replica directly': [] as Result[], 'nginx → two replicas': [] as Result[] };
    for (let i = 0; i < 2; i++) {
      sides['one replica directly'].push(await run(c.replicas.a));
      sides['nginx → two replicas'].push(await run(c.url));
    }
    console.log(`GET ${PATH} (demo city), 50 connections, 2 × ${SECONDS} s per side, ${cpus().length} cores`);
    const rps: number[] = [];
    for (const [name, rs] of Object.entries(sides)) {
      const avg = rs.reduce((s, r) => s + r.requests.average, 0) / rs.length;
      rps.push(avg);
      const bad = rs.reduce((s, r) => s + r.non2xx + r.errors, 0);
      console.log(`${name.padEnd(22)} ${avg.toFixed(0).padStart(6)} req/s  p50 ${Math.max(...rs.map((r) => r.latency.p50))} ms  p99 ${Math.max(...rs.map((r) => r.latency.p99))} ms  non-2xx/errors ${bad}`);
    }
    console.log(`ratio nginx+2 / direct+1: ${(rps[1] / rps[0]).toFixed(2)}`);
  } finally {
    if (started) execFileSync('bash', [join(ROOT, 'scripts', 'cluster.sh'), 'stop'], { stdio: 'inherit' });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
