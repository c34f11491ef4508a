import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Audit lines older than AUDIT_RETENTION_DAYS go; a plain delete by age, so a repeated run deletes nothing more. */
@Injectable()
export class AuditRetentionJob implements Job {
  readonly name = 'audit-retention';
  readonly scope = 'cluster';
  constructor(private readonly audit: AuditService) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = async (now: Date) => ({ auditLines: await this.audit.purgeExpired(now) });
}
