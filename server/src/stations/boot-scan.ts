import { join } from 'node:path';
import type { StationColumns } from './station-columns';

/** What the boot-scan worker hands over: the columns and the version row's value read before its scan. */
export interface BootScan {
  columns: StationColumns;
  version: number;
}

let started: Promise<BootScan | null> | undefined;

/**
 * Starts the station index's boot scan in a worker thread (MySQL/MariaDB only): called by `main.ts` before the
 * server's code is loaded, so the scan and the column build run on the other core while this thread loads the code
 * and builds Nest (docs/benchmarks.md, "Boot: the index scan in a worker"). The index takes the result in at its
 * first load (`takeBootScan`); on any failure it scans itself as before.
 */
export function startBootScan(dbUrl: string): void {
  if (started) return;
  // Required here, not at the top: the test runner loads this module without ever starting a worker.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  handOverBootScan(new Promise<BootScan | null>((resolve) => {
    let worker: import('node:worker_threads').Worker;
    try {
      worker = new Worker(join(__dirname, 'boot-scan.worker.js'), { workerData: { url: dbUrl.replace(/^mariadb:/, 'mysql:') } });
    } catch {
      resolve(null);
      return;
    }
    worker.once('message', (m: BootScan | { error: string }) => resolve('error' in m ? null : m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  }));
}

/** Hands the index a boot scan made elsewhere (the worker above; tests): its first load takes it in. */
export function handOverBootScan(scan: Promise<BootScan | null>): void {
  // Nobody may ever take it (a failed start): never an unhandled rejection.
  started = scan.catch(() => null);
}

/** The boot scan started for this process, once (the first index load takes it); undefined when none was started. */
export function takeBootScan(): Promise<BootScan | null> | undefined {
  const s = started;
  started = undefined;
  return s;
}

/** Forgets the boot scan (migrations ran after it started: its rows may predate them). */
export function discardBootScan(): void {
  started = undefined;
}
