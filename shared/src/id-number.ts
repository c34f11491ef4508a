/** Mainland resident ID number (GB 11643-1999): 17 digits + check char (0-9 or X). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes that appear as the first two digits. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

export type IdNumberProblem = 'format' | 'region' | 'birthdate' | 'checksum';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Normalises case and surrounding spaces; the stored/hashed form is always upper case. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Returns what is wrong with the ID number, or null when it is valid.
 * `today` bounds the birth date (nobody is born in the future or before 1900).
 */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return 'birthdate';
  if (Date.UTC(y, m - 1, d) > today.getTime()) return 'birthdate';
  if (idNumberCheckChar(id) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return checkIdNumber(raw, today) === null;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位，最后一位可以是数字或 X',
  region: '身份证号前两位地区码不正确，请核对',
  birthdate: '身份证号中的出生日期不正确，请核对',
  checksum: '身份证号校验位不正确，请逐位核对',
};
