import { normalizeIdNumber } from './id-number';
import { normalizeMobile } from './mobile';

/** `350203199001011234` → `3502**********1234`: region prefix and last four stay. */
export function maskIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** `13812345678` → `138****5678`. */
export function maskMobile(raw: string): string {
  const m = normalizeMobile(raw);
  if (m.length < 7) return '*'.repeat(m.length);
  return m.slice(0, 3) + '*'.repeat(m.length - 7) + m.slice(-4);
}

/** `张三丰` → `张**`, `李四` → `李*`: only the surname shows. */
export function maskName(raw: string): string {
  const chars = Array.from(raw.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
