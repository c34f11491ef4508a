import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { BenefitsModule } from '../benefits/benefits.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ClaimsModule } from '../claims/claims.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StationsModule } from '../stations/stations.module';
import { WishesModule } from '../wishes/wishes.module';
import { AuditRetentionJob } from './audit-retention.job';
import { BenefitsIndexJob } from './benefits-index.job';
import { BenefitsStockAuditJob } from './benefits-stock-audit.job';
import { BenefitsJob } from './benefits.job';
import { CalendarReloadJob } from './calendar-reload.job';
import { ClaimsAutoCloseJob } from './claims-auto-close.job';
import { ClaimsClockJob } from './claims-clock.job';
import { ClaimsExportJob } from './claims-export.job';
import { ClaimsExportPurgeJob } from './claims-export-purge.job';
import { HousekeepingJob } from './housekeeping.job';
import { JobRun } from './job-run.entity';
import { JOBS, type Job } from './job';
import { OutboxDrainJob } from './outbox-drain.job';
import { Scheduler } from './scheduler.service';
import { StationsIndexJob } from './stations-index.job';
import { StationsChangesPurgeJob } from './stations-changes-purge.job';
import { WishesJob } from './wishes.job';

const JOB_CLASSES = [ClaimsAutoCloseJob, HousekeepingJob, OutboxDrainJob, StationsIndexJob, CalendarReloadJob, AuditRetentionJob, WishesJob, ClaimsClockJob, BenefitsJob, BenefitsStockAuditJob, BenefitsIndexJob, ClaimsExportJob, ClaimsExportPurgeJob, StationsChangesPurgeJob];

/** The jobs room: every timed job of the server, one scheduler, once across replicas where it must be. */
@Module({
  imports: [TypeOrmModule.forFeature([JobRun]), ClaimsModule, StationsModule, CalendarModule, NotificationsModule, AuditModule, WishesModule, BenefitsModule],
  providers: [...JOB_CLASSES, { provide: JOBS, useFactory: (...jobs: Job[]) => jobs, inject: JOB_CLASSES }, Scheduler],
  exports: [Scheduler],
})
export class JobsModule {}
