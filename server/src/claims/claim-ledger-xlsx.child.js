'use strict';
/**
 * The 台账 workbook writer, run by `writeLedgerXlsx` in a child process with a capped heap, so the server's memory
 * does not carry exceljs's buffers and garbage whatever the row count. Plain JavaScript (no build step: it runs the
 * same from src/ under the tests and from dist/). Protocol over IPC (advanced serialization, so dates stay dates),
 * one message at a time, each answered before the parent sends the next:
 *   { type: 'start', path, sheet, columns } → { type: 'ok' }
 *   { type: 'rows', rows: unknown[][] }       → { type: 'ok', written }   (after the sheet's zip entry drained)
 *   { type: 'end' }                           → { type: 'done', written }
 * Any failure → { type: 'error', message }. The parent disconnects when done; the child then exits.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script (see above)
const ExcelJS = require('exceljs');

let wb = null;
let ws = null;
let written = 0;

/** exceljs hands rows to the zip without waiting for it: wait for the sheet's zip entry to drain (internals). */
function drained(sheet) {
  const dest = sheet.stream && sheet.stream.pipes && sheet.stream.pipes[0];
  if (!dest || !dest._writableState || !dest._writableState.needDrain) return new Promise((r) => setImmediate(r));
  return new Promise((r) => dest.once('drain', r));
}

process.on('message', async (m) => {
  try {
    if (m.type === 'start') {
      wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: m.path, useSharedStrings: false, useStyles: false });
      ws = wb.addWorksheet(m.sheet);
      ws.columns = m.columns;
      process.send({ type: 'ok' });
    } else if (m.type === 'rows') {
      for (const r of m.rows) ws.addRow(r).commit();
      written += m.rows.length;
      await drained(ws);
      process.send({ type: 'ok', written });
    } else if (m.type === 'end') {
      ws.commit();
      await wb.commit();
      process.send({ type: 'done', written });
    }
  } catch (err) {
    process.send({ type: 'error', message: (err && err.message) || String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
