import ExcelJS from 'exceljs';
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

/**
 * Writes the ledger to an .xlsx file with exceljs's streaming writer (inline strings, no styles), one batch of
 * rows at a time. exceljs hands rows to the zip without waiting for it, so a fast producer piles up XML in memory
 * (~0.8 KB a row, measured): after each batch we wait for the sheet's zip entry to drain, which keeps the
 * writer's memory flat whatever the row count. `onBatch` reports progress (and may throw to abort).
 */
export async function writeLedgerXlsx(path: string, batches: AsyncIterable<LedgerRowDto[]>, onBatch: (written: number) => Promise<void>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('台账');
  ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  let written = 0;
  for await (const rows of batches) {
    for (const r of rows) ws.addRow(ledgerCells(r)).commit();
    written += rows.length;
    await drained(ws);
    await onBatch(written);
  }
  ws.commit();
  await wb.commit();
  return written;
}

/** exceljs internals (no public hook): the sheet's buffer stream and the zip entry it pipes into. */
interface PipedSheet {
  stream?: { pipes?: Array<{ _writableState?: { needDrain?: boolean }; once(e: 'drain', f: () => void): void }> };
}

function drained(ws: ExcelJS.Worksheet): Promise<void> {
  const dest = (ws as unknown as PipedSheet).stream?.pipes?.[0];
  if (!dest?._writableState?.needDrain) return new Promise((r) => setImmediate(r));
  return new Promise((r) => dest.once('drain', r));
}
