/**
 * Working-day arithmetic for claim deadlines (有时限), in Asia/Shanghai (UTC+8, no DST).
 * China's official calendar moves days: holidays fall on weekdays and weekends become make-up workdays (调休),
 * so "is this a working day" is data. A lookup answers for the years that have data and `undefined` for years
 * that have none; those fall back to Monday–Friday and mark the deadline as estimated.
 */
export type WorkdayLookup = (isoDate: string) => boolean | undefined;

import { BEIJING_OFFSET_MS, shanghaiDate } from './beijing-time';

const DAY_MS = 86400_000;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday–Friday: the rule for a year without calendar data. */
export function isWeekday(isoDate: string): boolean {
  const dow = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/** Last instant of a Beijing calendar day. */
export function endOfShanghaiDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - BEIJING_OFFSET_MS + DAY_MS - 1);
}

export interface Deadline {
  due: Date;
  /** True when any day counted came from the Monday–Friday fallback (a year without official data). */
  estimated: boolean;
}

/**
 * The deadline `n` working days after `start`: the end (23:59:59.999 Beijing time) of the n-th working day
 * after the day `start` falls on. The start day itself never counts, whatever time it is.
 */
export function addWorkingDays(start: Date, n: number, lookup: WorkdayLookup): Deadline {
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new RangeError(`working days must be 1–366, got ${n}`);
  let day = shanghaiDate(start);
  let counted = 0;
  let estimated = false;
  while (counted < n) {
    day = addDays(day, 1);
    const known = lookup(day);
    if (known === undefined) estimated = true;
    if (known ?? isWeekday(day)) counted++;
  }
  return { due: endOfShanghaiDay(day), estimated };
}

/** Builds a lookup from exception days (holidays on weekdays, make-up workdays) and the years they cover. */
export function makeWorkdayLookup(exceptions: ReadonlyMap<string, boolean>, coveredYears: ReadonlySet<number>): WorkdayLookup {
  return (isoDate) => {
    const exception = exceptions.get(isoDate);
    if (exception !== undefined) return exception;
    if (!coveredYears.has(Number(isoDate.slice(0, 4)))) return undefined;
    return isWeekday(isoDate);
  };
}
