import { Injectable } from '@nestjs/common';
import { BenefitsService } from '../benefits/benefits.service';
import type { AppConfig } from '../config/app-config';
import type { Job } from './job';

/** Each replica rebuilds its in-memory merchant index when the merchants version moved. */
@Injectable()
export class BenefitsIndexJob implements Job {
  readonly name = 'benefits-index';
  readonly scope = 'replica';
  constructor(private readonly benefits: BenefitsService) {}
  everyMs = (c: AppConfig) => c.STATIONS_INDEX_POLL_MS;
  run = () => this.benefits.refreshIndexIfChanged();
}
