import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { addWorkingDays, isWeekday, makeWorkdayLookup, type Deadline, type WorkdayLookup } from '@nuanxin/shared';
import { Between, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { nextValue, readValue } from '../counters/counters';
import { TransactionService } from '../database/transaction.service';
import { CalendarDay } from './calendar-day.entity';
import { CalendarYear } from './calendar-year.entity';

export const CALENDAR_VERSION = 'calendar-version';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Official data shipped by `chinese-days` (years 2004 onwards, updated when the State Council publishes). */
export function officialDays(): CalendarDay[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const note = (v: string) => v.split(',')[1] ?? null;
  return [
    ...Object.entries(data.holidays).map(([date, v]) => ({ date, workday: false, note: note(v) })),
    ...Object.entries(data.workdays).map(([date, v]) => ({ date, workday: true, note: note(v) ? `${note(v)}调休上班` : '调休上班' })),
  ];
}

export interface CalendarDayView {
  date: string;
  workday: boolean;
  note: string | null;
  /** true when the day's year is not covered and no row says otherwise: it follows Monday–Friday. */
  estimated: boolean;
}

export interface CalendarYearView {
  year: number;
  source: CalendarYear['source'];
  coveredAt: Date;
}

/**
 * The working-day calendar. Coverage is explicit (`calendar_years`): a year counts as official only when it was
 * seeded whole from `chinese-days` or declared complete by an admin; single days an admin edits in any other
 * year are honoured, the rest of that year stays estimated. Every boot seeds the shipped years the database
 * lacks, without touching days already stored. Held in memory for deadline arithmetic. Every change bumps the
 * `calendar-version` counter in its transaction; each replica's `calendar` job reloads when the version moved, so an
 * admin's edit reaches every replica within a poll.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger('Calendar');
  private lookupFn: WorkdayLookup = () => undefined;
  private exceptions = new Map<string, { workday: boolean; note: string | null }>();
  private version = -1;

  constructor(
    @InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>,
    @InjectRepository(CalendarYear) private readonly years: Repository<CalendarYear>,
    private readonly tx: TransactionService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seedMissingYears();
    await this.reload();
  }

  /**
   * Seeds each year of `official` that no `calendar_years` row covers: its days are inserted where no row exists
   * (an admin's edit of a day wins over the package), then the year is marked covered, in one transaction.
   * Returns the years seeded; a year another replica seeded first is skipped.
   */
  async seedMissingYears(official: CalendarDay[] = officialDays()): Promise<number[]> {
    const covered = new Set((await this.years.find()).map((y) => y.year));
    const byYear = new Map<number, CalendarDay[]>();
    for (const d of official) {
      const year = Number(d.date.slice(0, 4));
      if (!covered.has(year)) byYear.set(year, [...(byYear.get(year) ?? []), d]);
    }
    const seeded: number[] = [];
    for (const [year, rows] of [...byYear].sort(([a], [b]) => a - b)) {
      try {
        await this.tx.run(async (em) => {
          const stored = await em.find(CalendarDay, { where: { date: Between(`${year}-01-01`, `${year}-12-31`) }, select: { date: true } });
          const have = new Set(stored.map((d) => d.date));
          const fresh = rows.filter((d) => !have.has(d.date));
          for (let i = 0; i < fresh.length; i += 200) await em.insert(CalendarDay, fresh.slice(i, i + 200));
          await em.insert(CalendarYear, { year, source: 'chinese-days', coveredAt: new Date() });
          await nextValue(em, CALENDAR_VERSION);
        });
        seeded.push(year);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
    if (seeded.length) {
      this.logger.log(`seeded official calendar for ${seeded.length} year(s): ${seeded[0]}–${seeded[seeded.length - 1]}`);
      await this.reload();
    }
    return seeded;
  }

  /** Reloads when another replica (or this one) changed the calendar since the last load; true when it did. */
  async reloadIfChanged(): Promise<boolean> {
    if ((await readValue(this.days.manager, CALENDAR_VERSION)) === this.version) return false;
    await this.reload();
    return true;
  }

  async reload(): Promise<void> {
    // The version first: a change committed between the reads makes the version look older, never newer.
    const version = await readValue(this.days.manager, CALENDAR_VERSION);
    const [rows, years] = await Promise.all([this.days.find(), this.years.find()]);
    this.version = version;
    this.exceptions = new Map(rows.map((r) => [r.date, { workday: r.workday, note: r.note }]));
    this.lookupFn = makeWorkdayLookup(new Map(rows.map((r) => [r.date, r.workday])), new Set(years.map((y) => y.year)));
  }

  get lookup(): WorkdayLookup {
    return this.lookupFn;
  }

  addWorkingDays(start: Date, n: number): Deadline {
    return addWorkingDays(start, n, this.lookupFn);
  }

  range(from: string, to: string): CalendarDayView[] {
    const out: CalendarDayView[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const known = this.lookupFn(date);
      out.push({
        date,
        workday: known ?? isWeekday(date),
        note: this.exceptions.get(date)?.note ?? null,
        estimated: known === undefined,
      });
    }
    return out;
  }

  /** One day set by an admin; it does not make its year covered (see `declareYear`). */
  async setDay(date: string, workday: boolean, note: string | null): Promise<CalendarDayView> {
    await this.tx.run(async (em) => {
      await em.upsert(CalendarDay, { date, workday, note }, ['date']);
      await nextValue(em, CALENDAR_VERSION);
    });
    await this.reload();
    return this.range(date, date)[0];
  }

  async coveredYears(): Promise<CalendarYearView[]> {
    return (await this.years.find({ order: { year: 'ASC' } })).map(({ year, source, coveredAt }) => ({ year, source, coveredAt }));
  }

  /**
   * An admin states that every holiday and make-up day of `year` is now stored (e.g. the State Council
   * published before the package did): the year's other days follow Monday–Friday as official, not estimated.
   * Declaring a covered year again changes nothing.
   */
  async declareYear(year: number): Promise<CalendarYearView> {
    const existing = await this.years.findOneBy({ year });
    if (!existing) {
      try {
        await this.tx.run(async (em) => {
          await em.insert(CalendarYear, { year, source: 'admin', coveredAt: new Date() });
          await nextValue(em, CALENDAR_VERSION);
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      await this.reload();
    }
    const row = await this.years.findOneByOrFail({ year });
    return { year: row.year, source: row.source, coveredAt: row.coveredAt };
  }

  /** Rows stored for a date range (admin export and tests). */
  stored(from: string, to: string): Promise<CalendarDay[]> {
    return this.days.find({ where: { date: Between(from, to) }, order: { date: 'ASC' } });
  }
}
