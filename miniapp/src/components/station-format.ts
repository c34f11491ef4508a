import { BEIJING_OFFSET_MS, beijingParts as sharedBeijingParts, type TimeRange, type WeeklyHours } from '@nuanxin/shared';


export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

interface BeijingParts {
  /** Days since 1970-01-01 in Beijing time: equal numbers = same calendar day. */
  dayNumber: number;
  /** 0 = Monday … 6 = Sunday, like WeeklyHours.days. */
  weekday: number;
  hhmm: string;
  month: number;
  date: number;
  year: number;
}

/** Opening hours are Beijing time wherever the phone is set. */
function beijing(at: Date): BeijingParts {
  const p = sharedBeijingParts(at);
  return { dayNumber: p.dayNumber, weekday: p.weekday, hhmm: `${pad(p.hours)}:${pad(p.minutes)}`, month: p.month, date: p.date, year: p.year };
}

/** Today's row in WeeklyHours.days (0 = Monday), Beijing time. */
export function beijingWeekday(now: Date = new Date()): number {
  return beijing(now).weekday;
}

/** `850 m`, `1.2 km`, `12 km`. */
export function formatDistance(meters: number | undefined): string {
  if (meters === undefined || !Number.isFinite(meters)) return '';
  const m = Math.max(0, Math.round(meters));
  if (m < 1000) return `${m} m`;
  const tenths = Math.round(m / 100) / 10;
  return tenths < 10 ? `${tenths.toFixed(1)} km` : `${Math.round(m / 1000)} km`;
}

/** `22:00` today, `明天 08:00`, `周三 08:00` within the week, else `11月30日 08:00`. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const t = beijing(at);
  const days = t.dayNumber - beijing(now).dayNumber;
  if (days === 0) return t.hhmm;
  if (days === 1) return `明天 ${t.hhmm}`;
  if (days > 1 && days < 7) return `${WEEKDAY_LABELS[t.weekday]} ${t.hhmm}`;
  return `${t.month}月${t.date}日 ${t.hhmm}`;
}

/** `11月25日 周三 14:00–16:00` for an event (Beijing time); an end on another day shows its date. */
export function formatEventTime(startsAt: string, endsAt: string): string {
  const s = beijing(new Date(startsAt));
  const e = beijing(new Date(endsAt));
  const start = `${s.month}月${s.date}日 ${WEEKDAY_LABELS[s.weekday]} ${s.hhmm}`;
  return s.dayNumber === e.dayNumber ? `${start}–${e.hhmm}` : `${start} – ${e.month}月${e.date}日 ${e.hhmm}`;
}

/** `2026-11-25 14:00` in Beijing time, for form fields. */
export function beijingDateTimeText(at: Date): string {
  const b = beijing(at);
  return `${b.year}-${pad(b.month)}-${pad(b.date)} ${b.hhmm}`;
}

/** `2026-11-25 14:00` or `2026-11-25 14:00:30` (Beijing time) → ISO instant; null when it is not such a date. */
export function parseBeijingDateTime(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => Number(x ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec) - BEIJING_OFFSET_MS;
  const back = beijing(new Date(ms));
  if (back.month !== mo || back.date !== d) return null;
  return new Date(ms).toISOString();
}

export interface OpenBadge {
  open: boolean;
  /** 营业中 / 已打烊 / 暂停开放. */
  label: string;
  /** `22:00 打烊`, `明天 08:00 开门`, the closure reason, or ''. */
  detail: string;
}

export interface OpenStateLike {
  isOpenNow: boolean;
  nextChange: string | null;
  closedReason: string | null;
  alwaysOpen: boolean;
}

/** What the open-now badge says. */
export function openBadge(s: OpenStateLike, now: Date = new Date()): OpenBadge {
  if (s.isOpenNow) {
    if (s.alwaysOpen && !s.nextChange) return { open: true, label: '营业中', detail: '24 小时' };
    return { open: true, label: '营业中', detail: s.nextChange ? `${formatWhen(s.nextChange, now)} 打烊` : '' };
  }
  const next = s.nextChange ? `${formatWhen(s.nextChange, now)} 开门` : '';
  if (s.closedReason) return { open: false, label: '暂停开放', detail: next ? `${s.closedReason}，${next}` : s.closedReason };
  return { open: false, label: '已打烊', detail: next };
}

/** `08:00–20:00`; a range past midnight reads `22:00–次日 06:00`; the whole day reads `24 小时`. */
export function formatRange(r: TimeRange): string {
  if (r.open === '00:00' && r.close === '24:00') return '24 小时';
  const overnight = r.close <= r.open;
  return `${r.open}–${overnight ? `次日 ${r.close}` : r.close}`;
}

/** One line per weekday, Monday first: `24 小时`, `08:00–20:00`, `休息`. */
export function weeklyHoursLines(h: WeeklyHours): string[] {
  return WEEKDAY_LABELS.map((_, d) => {
    if (h.alwaysOpen) return '24 小时';
    const ranges = h.days[d] ?? [];
    return ranges.length ? ranges.map(formatRange).join('、') : '休息';
  });
}

/** `11月25日 14:00 – 11月25日 18:00` for a temporary closure. */
export function formatPeriod(from: string, to: string): string {
  const a = beijing(new Date(from));
  const b = beijing(new Date(to));
  return `${a.month}月${a.date}日 ${a.hhmm} – ${a.dayNumber === b.dayNumber ? '' : `${b.month}月${b.date}日 `}${b.hhmm}`;
}
