import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { StationIndexService } from '../stations/station-index.service';
import type { Job } from './job';

/** The stations change log keeps an hour of rows (enough for every replica's poll); older rows go, once across replicas. */
@Injectable()
export class StationsChangesPurgeJob implements Job {
  readonly name = 'stations-changes-purge';
  readonly scope = 'cluster';
  constructor(private readonly index: StationIndexService) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = async (now: Date) => ({ stationChanges: await this.index.purgeChanges(now) });
}
