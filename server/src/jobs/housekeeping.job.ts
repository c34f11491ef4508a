import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ClaimAttachments } from '../claims/claim-attachments.service';
import type { AppConfig } from '../config/app-config';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { Job } from './job';
import { JobRun } from './job-run.entity';

/** Finished runs are kept this long (a record of what ran where), then pruned. */
export const JOB_RUNS_KEPT_MS = 7 * 86400_000;

/** Expired idempotency records, photos never attached to a claim within a day, and old job runs go. */
@Injectable()
export class HousekeepingJob implements Job {
  readonly name = 'housekeeping';
  readonly scope = 'cluster';
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly attachments: ClaimAttachments,
    @InjectRepository(JobRun) private readonly runs: Repository<JobRun>,
  ) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = async (now: Date) => ({
    idempotencyRecords: await this.idempotency.purgeExpired(now),
    orphanUploads: await this.attachments.purgeOrphans(now),
    jobRuns: (await this.runs.delete({ finishedAt: LessThan(new Date(now.getTime() - JOB_RUNS_KEPT_MS)) })).affected ?? 0,
  });
}
