/**
 * Where the export's server memory goes, row count by row count (a probe for docs/benchmarks.md, not a benchmark):
 * boots the app on a database `claims.bench` seeded (BENCH_DB_URL=…/nuanxin_bench_claims) and runs the export's
 * server side in process over the city's ledger, printing every `--every` rows this process's RSS, V8's heap in use,
 * the heap still in use after a forced full collection (what is really retained), and external/array buffers.
 *   --mode=read   reads the batches only (ClaimLedger.batches, 200 rows each, as the export does)
 *   --mode=write  the whole export path: batches → cells → the writer child (writeLedgerXlsx), as the job does
 *   --rows=N      stop after N rows; --snapshots writes heap snapshots at the first and last sample
 *   --passes=K    read the ledger K times over (1,000,000 rows' worth of batches from a 100,000-claim database)
 * Run with `node --expose-gc .bench/bench/claims-export-probe.js --mode=write`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.factory';
import { EXPORT_BATCH } from '../src/claims/claim-export.service';
import { ClaimLedger } from '../src/claims/claim-ledger.service';
import * as xlsx from '../src/claims/claim-ledger-xlsx';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const MODE = arg('mode') ?? 'write';
const ROWS = Number(arg('rows') ?? Infinity);
const EVERY = Number(arg('every') ?? 10_000);
const SNAPSHOTS = process.argv.includes('--snapshots');
const PASSES = Number(arg('passes') ?? 1);
const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const url = process.env.BENCH_DB_URL;
  if (!url) throw new Error('BENCH_DB_URL=mariadb://…/nuanxin_bench_claims (seeded by claims.bench)');
  const { app } = await createApp({
    env: { NODE_ENV: 'test', SMS_SENDER: 'test', LOG_LEVEL: 'silent', DB_URL: url, H5_DIST: '/nonexistent-h5', SEED_DEMO: 'false', JOBS_ENABLED: 'false' },
  });
  await app.getHttpAdapter().getInstance().ready();
  const ledger = app.get(ClaimLedger);
  const mb = (n: number) => (n / 1048576).toFixed(0);
  let next = EVERY;
  let snapshots = 0;
  const t0 = performance.now();
  const sample = (rows: number) => {
    const m = process.memoryUsage();
    gc?.();
    const after = process.memoryUsage();
    console.log(`${String(rows).padStart(9)} rows  ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s  rss ${mb(m.rss)} MB (peak ${mb(process.resourceUsage().maxRSS * 1024)})  heapUsed ${mb(m.heapUsed)} MB  after gc ${gc ? mb(after.heapUsed) : '?'} MB  external ${mb(m.external)} MB  arrayBuffers ${mb(m.arrayBuffers)} MB`);
    if (SNAPSHOTS && snapshots < 2 && (snapshots === 0 || rows >= ROWS)) {
      console.log(`  heap snapshot ${writeHeapSnapshot(join(tmpdir(), `export-probe-${rows}.heapsnapshot`))}`);
      snapshots++;
    }
  };
  sample(0);
  let seen = 0;
  async function* counted() {
    for (let pass = 0; pass < PASSES; pass++) {
      for await (const b of ledger.batches(null, {}, new Date(), EXPORT_BATCH)) {
        seen += b.length; // before the writer empties the batch
        yield b;
        if (seen >= next) {
          sample(seen);
          next += EVERY;
        }
        if (seen >= ROWS) return;
      }
    }
  }
  if (MODE === 'read') {
    for await (const b of counted()) void b;
  } else {
    await xlsx.writeLedgerXlsx(join(tmpdir(), `export-probe-${process.pid}.xlsx`), counted(), async () => undefined);
  }
  sample(seen);
  console.log(`full collections asked by the writer: ${xlsx.exportCollections}`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
