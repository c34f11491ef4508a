import { Injectable } from '@nestjs/common';
import { BenefitsService } from '../benefits/benefits.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

const MINUTE = 60_000;
/** Beijing is UTC+8 all year. */
const BEIJING_OFFSET_MIN = 8 * 60;

/**
 * Once a day at `BENEFITS_STOCK_AUDIT_AT` Beijing time (02:30 by default, when nobody claims or redeems):
 * remaining + claimed = stock for every campaign; a mismatch is logged and told to the admins. Read-only, so a
 * repeat is harmless.
 */
@Injectable()
export class BenefitsStockAuditJob implements Job {
  readonly name = 'benefits-stock-audit';
  readonly scope = 'cluster';
  constructor(private readonly benefits: BenefitsService) {}
  everyMs = (c: AppConfig) => c.BENEFITS_STOCK_AUDIT_EVERY_MS;
  offsetMs = (c: AppConfig) => {
    const [h, m] = c.BENEFITS_STOCK_AUDIT_AT.split(':').map(Number);
    return (((h * 60 + m - BEIJING_OFFSET_MIN) % 1440) + 1440) % 1440 * MINUTE;
  };
  run = (now: Date) => this.benefits.stockAudit(now);
}
