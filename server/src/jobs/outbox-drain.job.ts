import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { WechatChannelService } from '../notifications/wechat-channel.service';
import type { Job } from './job';

/** Every replica drains the outbox each tick; rows are claimed one by one, so each message is sent once. */
@Injectable()
export class OutboxDrainJob implements Job {
  readonly name = 'outbox-drain';
  readonly scope = 'replica';
  constructor(private readonly channel: WechatChannelService) {}
  everyMs = (c: AppConfig) => c.JOBS_TICK_MS;
  run = (now: Date) => this.channel.drain(now);
}
