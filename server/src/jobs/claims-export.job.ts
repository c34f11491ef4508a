import { Injectable } from '@nestjs/common';
import { ClaimExports } from '../claims/claim-export.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** 台账 exports: every replica looks each tick; a waiting export is claimed by one replica (guarded update) and written. */
@Injectable()
export class ClaimsExportJob implements Job {
  readonly name = 'claims-export';
  readonly scope = 'replica';
  constructor(private readonly exports: ClaimExports) {}
  everyMs = (c: AppConfig) => c.JOBS_TICK_MS;
  run = (now: Date) => this.exports.runNext(now);
}
