import { beijingParts } from '@nuanxin/shared';

/** The period chips of the 台账 and the dashboard: Beijing calendar ranges ending today. */
export type PeriodKey = 'month' | 'quarter' | 'year' | 'lastYear' | 'all';

export const PERIODS: ReadonlyArray<{ key: PeriodKey; label: string }> = [
  { key: 'month', label: '本月' },
  { key: 'quarter', label: '近三个月' },
  { key: 'year', label: '今年' },
  { key: 'lastYear', label: '去年' },
  { key: 'all', label: '全部' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** `from`/`to` (Beijing dates, inclusive) of a period as of `now`; `all` has neither. */
export function periodRange(key: PeriodKey, now: Date = new Date()): { from?: string; to?: string } {
  const p = beijingParts(now);
  const today = `${p.year}-${pad(p.month)}-${pad(p.date)}`;
  switch (key) {
    case 'month':
      return { from: `${p.year}-${pad(p.month)}-01`, to: today };
    case 'quarter': {
      const m = p.month - 2;
      const year = m < 1 ? p.year - 1 : p.year;
      return { from: `${year}-${pad(m < 1 ? m + 12 : m)}-01`, to: today };
    }
    case 'year':
      return { from: `${p.year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${p.year - 1}-01-01`, to: `${p.year - 1}-12-31` };
    case 'all':
      return {};
  }
}

/** `2026-01-01 至 2026-12-02`, or 全部时间. */
export function periodText(range: { from?: string; to?: string }): string {
  return range.from && range.to ? `${range.from} 至 ${range.to}` : '全部时间';
}
