import { isValidOrgCode, ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import type { CsvRecord } from '../common/csv';

/** The rules of the org-tree CSV import that need no database: header and per-row field checks. */

export const ORG_IMPORT_COLUMNS = ['code', 'name', 'level', 'parentCode', 'autoApprove', 'catchAll', 'isMediationCentre', 'mediationWorkdays'] as const;
type Column = (typeof ORG_IMPORT_COLUMNS)[number];
/** A new org needs these; the flags default to false and the mediation days to the standard 3. */
export const REQUIRED_FOR_NEW_ORG: readonly Column[] = ['name', 'level', 'parentCode'];

export interface OrgRowError {
  line: number;
  field: string;
  message: string;
}

/** The columns one row sets (an empty cell sets nothing). */
export interface OrgRow {
  line: number;
  code: string;
  name?: string;
  level?: OrgLevel;
  parentCode?: string;
  autoApprove?: boolean;
  catchAll?: boolean;
  isMediationCentre?: boolean;
  mediationWorkdays?: number;
}

const TRUE = new Set(['true', '1', '是', 'yes', 'y']);
const FALSE = new Set(['false', '0', '否', 'no', 'n']);

export function checkOrgHeader(header: string[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(ORG_IMPORT_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) problems.push(`未知列：${unknown.join('、')}（可用列：${ORG_IMPORT_COLUMNS.join(',')}）`);
  const dup = header.filter((h, i) => header.indexOf(h) !== i);
  if (dup.length) problems.push(`列重复：${[...new Set(dup)].join('、')}`);
  if (!header.includes('code')) problems.push('缺少列：code');
  return problems;
}

/** One record's cells, checked field by field; a row with any error is not imported. */
export function readOrgRow(header: string[], rec: CsvRecord): { row?: OrgRow; errors: OrgRowError[] } {
  const errors: OrgRowError[] = [];
  const fail = (field: string, message: string) => errors.push({ line: rec.line, field, message });
  if (rec.error) {
    fail('csv', rec.error);
    return { errors };
  }
  if (rec.cells.length > header.length) {
    fail('csv', `本行有 ${rec.cells.length} 列，表头只有 ${header.length} 列；含逗号的内容请用英文双引号括起来`);
    return { errors };
  }
  const cell = (c: Column) => {
    const i = header.indexOf(c);
    return i >= 0 ? (rec.cells[i] ?? '').trim() : '';
  };
  const code = cell('code');
  const row: OrgRow = { line: rec.line, code };
  if (!isValidOrgCode(code)) fail('code', '组织编码应为 1–32 位字母、数字、_ 或 -');
  const name = cell('name');
  if (name) {
    if ([...name].length < 2 || [...name].length > 100) fail('name', '组织名称应为 2–100 个字');
    else row.name = name;
  }
  const level = cell('level');
  if (level) {
    if (!(ORG_LEVELS as readonly string[]).includes(level)) fail('level', '组织层级应为 city、district、street 或 enterprise');
    else row.level = level as OrgLevel;
  }
  const parentCode = cell('parentCode');
  if (parentCode) {
    if (!isValidOrgCode(parentCode)) fail('parentCode', '上级组织编码应为 1–32 位字母、数字、_ 或 -');
    else if (parentCode === code) fail('parentCode', '上级组织不能是自己');
    else row.parentCode = parentCode;
  }
  for (const flag of ['autoApprove', 'catchAll', 'isMediationCentre'] as const) {
    const v = cell(flag).toLowerCase();
    if (!v) continue;
    if (TRUE.has(v)) row[flag] = true;
    else if (FALSE.has(v)) row[flag] = false;
    else fail(flag, `${flag} 应为 true/false、1/0 或 是/否`);
  }
  const days = cell('mediationWorkdays');
  if (days) {
    if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 30) fail('mediationWorkdays', '调解期限应为 1–30 个工作日（留空为默认 3 个）');
    else row.mediationWorkdays = Number(days);
  }
  return errors.length ? { errors } : { row, errors };
}
