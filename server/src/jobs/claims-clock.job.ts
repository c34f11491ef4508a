import { Injectable } from '@nestjs/common';
import { ClaimClock } from '../claims/claim-clock.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** The claims SLA clock: warnings, the daily digest, auto-escalation and referral, the day-15 and payment questions. */
@Injectable()
export class ClaimsClockJob implements Job {
  readonly name = 'claims-clock';
  readonly scope = 'cluster';
  constructor(private readonly clock: ClaimClock) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = (now: Date) => this.clock.run(now);
}
