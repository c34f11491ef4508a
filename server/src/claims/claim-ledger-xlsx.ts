import { fork } from 'node:child_process';
import { join } from 'node:path';
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
  try {
    await call({ type: 'start', path, sheet: '台账', columns: LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width })) });
    for await (const rows of batches) {
      written += rows.length;
      // the cells are serialized as they are sent and the batch emptied: nothing of it stays referenced while the child writes
      await call({ type: 'rows', rows: rows.splice(0).map(ledgerCells) });
      await onBatch(written);
    }
    await call({ type: 'end' });
    return written;
  } finally {
    if (child.connected) child.disconnect();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
