import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Each replica reloads the working-day calendar when an admin's edit moved the calendar version. */
@Injectable()
export class CalendarReloadJob implements Job {
  readonly name = 'calendar-reload';
  readonly scope = 'replica';
  constructor(private readonly calendar: CalendarService) {}
  everyMs = (c: AppConfig) => c.STATIONS_INDEX_POLL_MS;
  run = () => this.calendar.reloadIfChanged();
}
