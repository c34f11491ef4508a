import { checkWeeklyHours, chinaPositionProblem, HOST_TYPES, SERVICE_CODES, STATION_LEVELS, type HostType, type StationLevel, type WeeklyHours } from '@nuanxin/shared';
import type { CsvRecord } from '../common/csv';

/** The rules of the admin CSV import that need no database: header and per-row field checks, the level hierarchy (RFC 4180 parsing: common/csv.ts). */
export { parseCsv, type CsvRecord } from '../common/csv';

/** Every column the import understands. `code` identifies the station; a row only changes the columns its file has. */
export const IMPORT_COLUMNS = ['code', 'name', 'address', 'district', 'lat', 'lng', 'level', 'hostType', 'phone', 'orgCode', 'services', 'hours', 'parentCode'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
/** A new station needs these; `phone`, `services` and `parentCode` may be left out. */
export const REQUIRED_FOR_NEW: readonly ImportColumn[] = ['name', 'address', 'district', 'lat', 'lng', 'level', 'hostType', 'orgCode', 'hours'];

const LEVELS: string[] = STATION_LEVELS.map((l) => l.code);
const HOSTS: string[] = HOST_TYPES.map((h) => h.code);
/** 总站 0 > 分站 1 > 站点 2: a parent's rank is strictly smaller than its child's. */
const RANK: Record<string, number> = Object.fromEntries(STATION_LEVELS.map((l, i) => [l.code, i]));
const LEVEL_LABEL: Record<string, string> = Object.fromEntries(STATION_LEVELS.map((l) => [l.code, l.label]));
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const COORD = /^-?\d+(\.\d{1,6})?$/;

export interface RowError {
  line: number;
  field: string;
  message: string;
}

/** Header problems make the whole file unusable (400); returns them as field messages. */
export function checkHeader(header: string[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(IMPORT_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) problems.push(`未知列：${unknown.join('、')}（可用列：${IMPORT_COLUMNS.join(',')}）`);
  const dup = header.filter((h, i) => header.indexOf(h) !== i);
  if (dup.length) problems.push(`列重复：${[...new Set(dup)].join('、')}`);
  if (!header.includes('code')) problems.push('缺少列：code');
  if (header.includes('lat') !== header.includes('lng')) problems.push('lat 与 lng 须同时提供');
  return problems;
}

/** `24h`, or `08:00-20:00|22:00-02:00` applied to every day of the week. */
export function parseHours(text: string): WeeklyHours | null {
  if (text === '24h') return { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) };
  const ranges = text.split('|').map((r) => {
    const [open, close] = r.split('-');
    return { open: open?.trim() ?? '', close: close?.trim() ?? '' };
  });
  const hours = { alwaysOpen: false, days: Array.from({ length: 7 }, () => ranges) };
  return Object.keys(checkWeeklyHours(hours)).length ? null : hours;
}

/** The station columns a row sets (only those its file carries). */
export interface ImportFields {
  name?: string;
  address?: string;
  district?: string;
  lat?: number;
  lng?: number;
  level?: StationLevel;
  hostType?: HostType;
  phone?: string | null;
  services?: string[];
  hours?: WeeklyHours;
}

export interface ImportRow {
  line: number;
  code: string;
  fields: ImportFields;
  /** Present when the file has the column. */
  orgCode?: string;
  /** undefined = the file has no parentCode column; null = the cell is empty (no parent). */
  parentCode?: string | null;
}

/** Field checks of one record against the header; `orgExists` says whether an org code is known. */
export function readRow(header: string[], rec: CsvRecord, orgExists: (code: string) => boolean): { row?: ImportRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ line: rec.line, field, message });
  if (rec.error) return { errors: [{ line: rec.line, field: 'csv', message: rec.error }] };
  if (rec.cells.length !== header.length) {
    fail('csv', `本行有 ${rec.cells.length} 列，表头有 ${header.length} 列；含逗号的内容请用英文双引号括起来`);
    return { errors };
  }
  const cell = new Map(header.map((h, j) => [h, rec.cells[j].trim()]));
  const has = (c: ImportColumn) => cell.has(c);
  const v = (c: ImportColumn) => cell.get(c) ?? '';
  const fields: ImportFields = {};
  const code = v('code');
  if (!CODE.test(code)) fail('code', '编码应为 1–32 位字母、数字、_ 或 -');
  if (has('name')) {
    if (!v('name') || v('name').length > 100) fail('name', '名称应为 1–100 个字');
    fields.name = v('name');
  }
  if (has('address')) {
    if (!v('address') || v('address').length > 200) fail('address', '地址应为 1–200 个字');
    fields.address = v('address');
  }
  if (has('district')) {
    if (!v('district') || v('district').length > 20) fail('district', '请填写所在区');
    fields.district = v('district');
  }
  if (has('lat')) {
    const lat = Number(v('lat'));
    const lng = Number(v('lng'));
    if (!COORD.test(v('lat'))) fail('lat', '纬度应为 GCJ-02 数值，最多 6 位小数');
    if (!COORD.test(v('lng'))) fail('lng', '经度应为 GCJ-02 数值，最多 6 位小数');
    if (COORD.test(v('lat')) && COORD.test(v('lng'))) {
      const where = chinaPositionProblem(lat, lng);
      if ('swapped' in where) fail('lat', '纬度和经度可能填反了（纬度在前）');
      else for (const field of where.fields) fail(field, field === 'lat' ? '纬度应在中国境内（GCJ-02）' : '经度应在中国境内（GCJ-02）');
    }
    fields.lat = lat;
    fields.lng = lng;
  }
  if (has('level')) {
    if (!LEVELS.includes(v('level'))) fail('level', '级别应为 hub（总站）、branch（分站）或 point（站点）');
    fields.level = v('level') as StationLevel;
  }
  if (has('hostType')) {
    if (!HOSTS.includes(v('hostType'))) fail('hostType', `依托单位类型应为 ${HOSTS.join('、')} 之一`);
    fields.hostType = v('hostType') as HostType;
  }
  if (has('phone')) {
    if (v('phone') && !/^[0-9-]{7,20}$/.test(v('phone'))) fail('phone', '电话格式不正确');
    fields.phone = v('phone') || null;
  }
  if (has('services')) {
    const services = v('services') ? v('services').split('|').map((x) => x.trim()).filter(Boolean) : [];
    const unknown = services.filter((x) => !SERVICE_CODES.includes(x));
    if (unknown.length) fail('services', `未知服务：${unknown.join('、')}`);
    fields.services = [...new Set(services)];
  }
  if (has('hours')) {
    const hours = parseHours(v('hours'));
    if (!hours) fail('hours', '开放时间应为 24h 或 HH:MM-HH:MM（可用 | 分隔多个时段）');
    else fields.hours = hours;
  }
  const row: ImportRow = { line: rec.line, code, fields };
  if (has('orgCode')) {
    if (!orgExists(v('orgCode'))) fail('orgCode', '找不到该工会组织');
    row.orgCode = v('orgCode');
  }
  if (has('parentCode')) {
    if (v('parentCode') && !CODE.test(v('parentCode'))) fail('parentCode', '上级驿站编码不正确');
    else if (v('parentCode') === code) fail('parentCode', '上级驿站不能是本站');
    row.parentCode = v('parentCode') || null;
  }
  return errors.length ? { errors } : { row, errors };
}

/** A station as stored, as far as the hierarchy cares. */
export interface StoredNode {
  id: string;
  code: string;
  name: string;
  level: StationLevel;
  parentId: string | null;
}

/**
 * The level hierarchy after the import: every parent exists (in the database, or on an earlier accepted row) and
 * ranks above its child (总站 > 分站 > 站点) — including stored children of a station whose level the file changes.
 * A rejected row changes nothing, which can in turn invalidate a row that relied on it: repeated until stable.
 * `stored` holds every stored station the file names (rows and parents), their stored parents and children;
 * `rejectedCodes` the codes of rows already refused for their fields (named in the message when a child points at one).
 */
export function checkHierarchy(rows: ImportRow[], stored: StoredNode[], rejectedCodes: ReadonlySet<string> = new Set()): RowError[] {
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const byId = new Map(stored.map((s) => [s.id, s]));
  const childrenOf = new Map<string, StoredNode[]>();
  for (const s of stored) if (s.parentId) childrenOf.set(s.parentId, [...(childrenOf.get(s.parentId) ?? []), s]);
  const rejected = new Map<number, RowError>();
  for (let changed = true; changed; ) {
    changed = false;
    const accepted = rows.filter((r) => !rejected.has(r.line));
    const file = new Map(accepted.map((r) => [r.code, r]));
    const levelOf = (code: string) => file.get(code)?.fields.level ?? byCode.get(code)?.level;
    const parentOf = (code: string): string | null => {
      const r = file.get(code);
      if (r && r.parentCode !== undefined) return r.parentCode;
      const p = byCode.get(code)?.parentId;
      return p ? (byId.get(p)?.code ?? null) : null;
    };
    const nameOf = (code: string) => byCode.get(code)?.name ?? file.get(code)?.fields.name ?? code;
    const reject = (r: ImportRow, field: string, message: string) => {
      rejected.set(r.line, { line: r.line, field, message });
      changed = true;
    };
    for (const r of accepted) {
      const level = levelOf(r.code);
      const parent = parentOf(r.code);
      if (parent) {
        const parentLevel = levelOf(parent);
        if (!byCode.has(parent) && !((file.get(parent)?.line ?? Infinity) < r.line)) {
          const refused = rejectedCodes.has(parent) || rows.some((x) => x.code === parent && rejected.has(x.line));
          reject(r, 'parentCode', refused ? `上级驿站 ${parent} 所在行有误未导入，请先改正该行` : `找不到上级驿站 ${parent}：须已存在，或写在本文件更靠前的行里`);
          continue;
        }
        if (level && parentLevel && RANK[parentLevel] >= RANK[level]) {
          reject(r, r.parentCode !== undefined ? 'parentCode' : 'level', `上级驿站「${nameOf(parent)}」是${LEVEL_LABEL[parentLevel]}，级别须高于本站的${LEVEL_LABEL[level]}（总站 > 分站 > 站点）`);
          continue;
        }
      }
      // Stored children that stay under this station must still rank below it.
      const self = byCode.get(r.code);
      const newLevel = r.fields.level;
      if (self && newLevel && newLevel !== self.level) {
        const child = (childrenOf.get(self.id) ?? []).find((c) => parentOf(c.code) === r.code && RANK[levelOf(c.code)!] <= RANK[newLevel]);
        if (child) reject(r, 'level', `下级驿站「${child.name}」是${LEVEL_LABEL[levelOf(child.code)!]}，本站不能改为${LEVEL_LABEL[newLevel]}；请先调整下级驿站`);
      }
    }
  }
  return [...rejected.values()].sort((a, b) => a.line - b.line);
}
