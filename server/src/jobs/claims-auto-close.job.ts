import { Injectable } from '@nestjs/common';
import { ClaimsService } from '../claims/claims.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Resolved claims not rated within the rating window close by themselves (each by a guarded state change). */
@Injectable()
export class ClaimsAutoCloseJob implements Job {
  readonly name = 'claims-auto-close';
  readonly scope = 'cluster';
  constructor(private readonly claims: ClaimsService) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = (now: Date) => this.claims.autoClose(now);
}
