import { Injectable } from '@nestjs/common';
import { ClaimExports } from '../claims/claim-export.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** 台账 exports finished more than 7 days ago: the file leaves storage, then the row goes (once across replicas). */
@Injectable()
export class ClaimsExportPurgeJob implements Job {
  readonly name = 'claims-export-purge';
  readonly scope = 'cluster';
  constructor(private readonly exports: ClaimExports) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = (now: Date) => this.exports.purgeOld(now);
}
