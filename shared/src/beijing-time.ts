/**
 * Beijing time (Asia/Shanghai: UTC+8, no daylight saving) — the one place the offset is written. Every date a
 * user sees or a rule counts (deadlines, daily limits, member-number years) is a Beijing date, whatever zone the
 * server or the phone runs in.
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

export interface BeijingParts {
  year: number;
  month: number;
  date: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  hours: number;
  minutes: number;
  /** Days since 1970-01-01 in Beijing time: equal numbers = same calendar day. */
  dayNumber: number;
}

export function beijingParts(instant: Date): BeijingParts {
  const t = instant.getTime() + BEIJING_OFFSET_MS;
  const l = new Date(t);
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    date: l.getUTCDate(),
    weekday: (l.getUTCDay() + 6) % 7,
    hours: l.getUTCHours(),
    minutes: l.getUTCMinutes(),
    dayNumber: Math.floor(t / DAY_MS),
  };
}

/** `YYYY-MM-DD` of the instant as seen in Beijing time. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant Beijing's calendar day containing `instant` began. */
export function startOfBeijingDay(instant: Date): Date {
  const t = instant.getTime() + BEIJING_OFFSET_MS;
  return new Date(t - (((t % DAY_MS) + DAY_MS) % DAY_MS) - BEIJING_OFFSET_MS);
}

/** `2026年12月2日 14:05` — the form WeChat's `time` template fields take. */
export function beijingDateTime(instant: Date): string {
  const p = beijingParts(instant);
  return `${p.year}年${p.month}月${p.date}日 ${pad2(p.hours)}:${pad2(p.minutes)}`;
}


/** `11月25日 14:00–16:00` in Beijing time (the end shows its date when it falls on another day). */
export function beijingPeriod(from: Date, to: Date): string {
  const b = (d: Date) => {
    const p = beijingParts(d);
    return { day: `${p.month}月${p.date}日`, time: `${pad2(p.hours)}:${pad2(p.minutes)}` };
  };
  const a = b(from);
  const z = b(to);
  return a.day === z.day ? `${a.day} ${a.time}–${z.time}` : `${a.day} ${a.time} – ${z.day} ${z.time}`;
}
