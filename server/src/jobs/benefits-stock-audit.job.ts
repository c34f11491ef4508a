import { Injectable } from '@nestjs/common';
import { BenefitsService } from '../benefits/benefits.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Once a day: remaining + claimed = stock for every campaign; a mismatch is logged and told to the admins. Read-only, so a repeat is harmless. */
@Injectable()
export class BenefitsStockAuditJob implements Job {
  readonly name = 'benefits-stock-audit';
  readonly scope = 'cluster';
  constructor(private readonly benefits: BenefitsService) {}
  everyMs = (c: AppConfig) => c.BENEFITS_STOCK_AUDIT_EVERY_MS;
  run = (now: Date) => this.benefits.stockAudit(now);
}
