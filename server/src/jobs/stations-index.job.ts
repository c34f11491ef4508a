import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { StationIndexService } from '../stations/station-index.service';
import type { Job } from './job';

/** Each replica brings its in-memory station index up to date with the other replicas' changes (the change log). */
@Injectable()
export class StationsIndexJob implements Job {
  readonly name = 'stations-index';
  readonly scope = 'replica';
  constructor(private readonly index: StationIndexService) {}
  everyMs = (c: AppConfig) => c.STATIONS_INDEX_POLL_MS;
  run = () => this.index.pollChanges();
}
