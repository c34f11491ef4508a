/**
 * The boot-scan worker (see boot-scan.ts): reads every open station the way `StationIndexService.scanAll` does and
 * posts the columns back, their buffers transferred. Loads only mysql2, the shared catalogue and station-columns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createConnection } from 'mysql2';
import { scanStations, STATIONS_VERSION, StationColumnsBuilder, transferList, type StationRow } from './station-columns';

async function scan(url: string): Promise<void> {
  const conn = createConnection({ uri: url, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  const query = (sql: string, values: unknown[]) =>
    new Promise<unknown[][]>((resolve, reject) => conn.query({ sql, values, rowsAsArray: true }, (err, rows) => (err ? reject(err) : resolve(rows as unknown[][]))));
  try {
    // The version row before the scan: the index re-checks every station when it moved meanwhile.
    const v = await query('SELECT value FROM counters WHERE name = ?', [STATIONS_VERSION]);
    const version = v.length ? Number(v[0][0]) : 0;
    // The rows expected, so the column arrays are allocated once at their size (a few more may come: they grow).
    const count = await query("SELECT COUNT(*) FROM stations WHERE status = 'open'", []);
    const columns = await scanStations((sql, values) => query(sql, values) as Promise<StationRow[]>, new StationColumnsBuilder(Number(count[0][0]) + 256));
    parentPort!.postMessage({ columns, version }, transferList(columns));
  } finally {
    conn.end();
  }
}

scan((workerData as { url: string }).url).catch((err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }));
