/** RFC 4180 CSV for the admin imports (stations, the org tree): one parser, records with their line numbers. */

export interface CsvRecord {
  /** Line number in the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
  /** Set when the record's quoting is broken; its cells are then not to be trusted. */
  error?: string;
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF (a lone CR too); a field in double quotes may hold
 * commas, line breaks and doubled quotes (`""` → `"`). A UTF-8 BOM (Excel) is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let start = 1;
  let error: string | undefined;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '' || error) records.push({ line: start, cells, ...(error ? { error } : {}) });
    cells = [];
    cell = '';
    error = undefined;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && cell.trim() === '') {
      // A quoted field: runs to the next quote that is not doubled.
      cell = '';
      i++;
      let closed = false;
      while (i < src.length) {
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && src[i + 1] === '\n') i++;
          line++;
          cell += '\n';
          i++;
          continue;
        }
        cell += c;
        i++;
      }
      if (!closed) error = '引号未闭合：以英文双引号开头的内容须以双引号结束';
      // Only spaces may follow the closing quote before the separator.
      while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        if (src[i] !== ' ' && src[i] !== '\t') error ??= '引号用法不正确：内容中的双引号须写成两个（""），整格用双引号括起来';
        i++;
      }
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      i++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}
