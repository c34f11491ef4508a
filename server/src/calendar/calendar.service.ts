import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { addWorkingDays, isWeekday, makeWorkdayLookup, type Deadline, type WorkdayLookup } from '@nuanxin/shared';
import { Between, Repository } from 'typeorm';
import { CalendarDay } from './calendar-day.entity';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Official data shipped by `chinese-days` (years 2004 onwards, updated when the State Council publishes). */
function officialDays(): CalendarDay[] {
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
  /** true when the year has no official data and the day follows Monday–Friday. */
  estimated: boolean;
}

/**
 * The working-day calendar: seeded once from `chinese-days`, editable by admins, held in memory for deadline
 * arithmetic and reloaded after every change.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger('Calendar');
  private lookupFn: WorkdayLookup = () => undefined;
  private exceptions = new Map<string, { workday: boolean; note: string | null }>();

  constructor(@InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>) {}

  async onModuleInit(): Promise<void> {
    if ((await this.days.count()) === 0) {
      const rows = officialDays();
      for (let i = 0; i < rows.length; i += 200) await this.days.insert(rows.slice(i, i + 200));
      this.logger.log(`seeded ${rows.length} official calendar days`);
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const rows = await this.days.find();
    this.exceptions = new Map(rows.map((r) => [r.date, { workday: r.workday, note: r.note }]));
    const years = new Set(rows.map((r) => Number(r.date.slice(0, 4))));
    this.lookupFn = makeWorkdayLookup(new Map(rows.map((r) => [r.date, r.workday])), years);
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

  async setDay(date: string, workday: boolean, note: string | null): Promise<CalendarDayView> {
    await this.days.upsert({ date, workday, note }, ['date']);
    await this.reload();
    return this.range(date, date)[0];
  }

  /** Rows stored for a date range (admin export and tests). */
  stored(from: string, to: string): Promise<CalendarDay[]> {
    return this.days.find({ where: { date: Between(from, to) }, order: { date: 'ASC' } });
  }
}
