import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { WishesService } from '../wishes/wishes.service';
import type { Job } from './job';

/** Wishes' timed changes: wall expiry, hold expiry, the confirm reminder, orphan photos (each a guarded state change). */
@Injectable()
export class WishesJob implements Job {
  readonly name = 'wishes';
  readonly scope = 'cluster';
  constructor(private readonly wishes: WishesService) {}
  everyMs = (c: AppConfig) => c.HOUSEKEEPING_EVERY_MS;
  run = (now: Date) => this.wishes.housekeeping(now);
}
