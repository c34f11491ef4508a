/** Money is always an integer number of fen (分); never a float of yuan. */
export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** 12345 → "123.45"; -5 → "-0.05". */
export function fenToYuanString(fen: Fen): string {
  if (!isFen(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${yuan}.${rest.toString().padStart(2, '0')}`;
}

/** 12345 → "¥123.45", 10000 → "¥100" (whole yuan drop the decimals). */
export function formatYuan(fen: Fen): string {
  const s = fenToYuanString(fen);
  const trimmed = s.endsWith('.00') ? s.slice(0, -3) : s;
  return trimmed.startsWith('-') ? `-¥${trimmed.slice(1)}` : `¥${trimmed}`;
}

/** "123.45" / "123.4" / "123" → fen; anything else (3 decimals, letters, exponent) → null. */
export function parseYuan(input: string): Fen | null {
  const m = /^(-)?(\d{1,14})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] && fen !== 0 ? -fen : fen;
}
