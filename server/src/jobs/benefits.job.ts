import { Injectable } from '@nestjs/common';
import { BenefitsService } from '../benefits/benefits.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Coupons past their end → expired; one reminder 3 days before a coupon ends (guarded by `remindedAt`). */
@Injectable()
export class BenefitsJob implements Job {
  readonly name = 'benefits';
  readonly scope = 'cluster';
  constructor(private readonly benefits: BenefitsService) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = (now: Date) => this.benefits.housekeeping(now);
}
