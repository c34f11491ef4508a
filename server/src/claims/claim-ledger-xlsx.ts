import { fork } from 'node:child_process';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LedgerRowDto } from './dto/ledger.dto';

type Cell = string | number;
const yuan = (fen: number | null): Cell => (fen === null ? '' : fen / 100);

/** The 台账 columns officers keep on paper, in their order; money in yuan, dates as Beijing `YYYY-MM-DD`. */
export const LEDGER_COLUMNS: ReadonlyArray<{ header: string; width: number; cell: (r: LedgerRowDto) => Cell }> = [
  { header: '编号', width: 16, cell: (r) => r.number },
  { header: '受理日期', width: 12, cell: (r) => r.receivedDate },
  { header: '职工', width: 10, cell: (r) => r.worker },
  { header: '联系电话', width: 14, cell: (r) => r.mobile },
  { header: '单位/平台', width: 24, cell: (r) => r.employerName },
  { header: '类别', width: 12, cell: (r) => r.categoryLabel },
  { header: '反映内容', width: 40, cell: (r) => r.description },
  { header: '涉及金额（元）', width: 12, cell: (r) => yuan(r.amountFen) },
  { header: '承办工会', width: 20, cell: (r) => r.orgName },
  { header: '承办人', width: 12, cell: (r) => r.assignee },
  { header: '办理层级', width: 12, cell: (r) => r.tierLabel },
  { header: '受理期限', width: 12, cell: (r) => r.dueDate ?? '' },
  { header: '办结日期', width: 12, cell: (r) => r.resolvedDate ?? '' },
  { header: '办理结果', width: 14, cell: (r) => r.resultLabel },
  { header: '约定金额（元）', width: 12, cell: (r) => yuan(r.agreedFen) },
  { header: '已追回金额（元，职工确认收到）', width: 16, cell: (r) => yuan(r.recoveredFen) },
  { header: '满意度（星）', width: 10, cell: (r) => r.ratingScore ?? '' },
  { header: '是否超期', width: 8, cell: (r) => (r.overdue ? '是' : '否') },
];

export const ledgerCells = (r: LedgerRowDto): Cell[] => LEDGER_COLUMNS.map((c) => c.cell(r));

/** The writer child's V8 old-space cap: a 200-row batch (EXPORT_BATCH) of inline strings needs a few MB; exceljs's zip a few more. */
export const EXPORT_WRITER_HEAP_MB = 96;
const CHILD = join(__dirname, 'claim-ledger-xlsx.child.js');

/**
 * How far this process's V8 heap may grow above where it stood when the export started before the writer asks for a
 * full collection. A long export makes only garbage here (nothing outlives a batch: with a full collection every
 * 10,000 rows the heap in use stays flat at its starting size, `bench/claims-export-probe.ts`), but some of each
 * batch is promoted before it dies and V8 lets the old space fill to a few times the live heap before it collects it:
 * a sawtooth that reached 298 MB RSS in process and 388 MB in the server at 1,000,000 rows. Collecting when the heap
 * has grown this much bounds the server near its resting size plus this margin, for ≈ 50 ms of collection now and then.
 */
export const EXPORT_HEAP_MARGIN_MB = 48;

let gc: (() => void) | null | undefined;
/** Full collections the writer asked for in this process (the probe prints it). */
export let exportCollections = 0;
/** V8's full collection, exposed for this process once (`--expose-gc` set at run time applies to new contexts); null if refused. */
function fullCollection(): (() => void) | null {
  if (gc !== undefined) return gc;
  gc = (globalThis as { gc?: () => void }).gc ?? null;
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc');
      gc = (runInNewContext('gc') as (() => void) | undefined) ?? null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

type ChildAnswer = { type: 'ok' | 'done'; written?: number } | { type: 'error'; message: string };

/**
 * Writes the ledger to an .xlsx file with exceljs's streaming writer (inline strings, no styles) in a child process
 * whose heap is capped (`claim-ledger-xlsx.child.js`): this process reads the batches and turns rows into cells, the
 * child writes them, one batch in flight at a time (each answered after the sheet's zip entry drained), so neither
 * process's memory grows with the row count. `onBatch` reports progress (and may throw to abort: the child is
 * killed). A child that dies or fails rejects the write. Each batch array is emptied once its cells are sent (the
 * batches are the writer's to consume).
 */
export async function writeLedgerXlsx(path: string, batches: AsyncIterable<LedgerRowDto[]>, onBatch: (written: number) => Promise<void>): Promise<number> {
  const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${EXPORT_WRITER_HEAP_MB}`], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `export writer exited (${signal ?? code})`));
  // the answer's listeners do not close over the message, so a batch's cells are garbage once sent
  const answer = () =>
    new Promise<ChildAnswer>((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const onMessage = (m: ChildAnswer) => {
        done();
        if (m.type === 'error') reject(new Error(`export writer: ${m.message}`));
        else resolve(m);
      };
      const onExit = () => {
        done();
        reject(new Error(exited ?? 'export writer exited'));
      };
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const call = (msg: object) => {
    const answered = answer();
    if (!exited) child.send(msg);
    return answered;
  };
  let written = 0;
  let heapLimit = getHeapStatistics().used_heap_size + EXPORT_HEAP_MARGIN_MB * 1048576;
  try {
    await call({ type: 'start', path, sheet: '台账', columns: LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width })) });
    for await (const rows of batches) {
      written += rows.length;
      // the cells are serialized as they are sent and the batch emptied: nothing of it stays referenced while the child writes
      await call({ type: 'rows', rows: rows.splice(0).map(ledgerCells) });
      await onBatch(written);
      if (getHeapStatistics().used_heap_size > heapLimit) {
        const collect = fullCollection();
        if (collect) {
          collect();
          exportCollections++;
        }
        // what is still in use after it is not the export's (another request's): re-based, so no collection per batch
        heapLimit = Math.max(heapLimit, getHeapStatistics().used_heap_size + EXPORT_HEAP_MARGIN_MB * 1048576);
      }
    }
    await call({ type: 'end' });
    return written;
  } finally {
    if (child.connected) child.disconnect();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
