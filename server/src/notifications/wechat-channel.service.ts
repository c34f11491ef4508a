import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WechatTemplateKey } from '@nuanxin/shared';
import { LessThan, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { TransactionService } from '../database/transaction.service';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../wechat/wechat.client';
import { OutboxMessage, type OutboxState } from './outbox-message.entity';
import { SubscribeCredit } from './subscribe-credit.entity';

/** Transient failures (WeChat busy, no answer) are retried this many times, waiting longer each time. */
export const OUTBOX_MAX_ATTEMPTS = 5;
const backoffMs = (attempts: number) => Math.min(3600_000, 15_000 * 2 ** (attempts - 1));

export interface DrainResult {
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
}

/**
 * Delivers the outbox by WeChat subscribe messages. Any replica may drain: each row is claimed by a guarded
 * update (pending and due, or a claim whose lease ran out because its replica died mid-send: `JOBS_LEASE_MS`)
 * so one replica sends it. A user's credits for the template are checked before sending and spent by what
 * WeChat answers: a message sent, or 43101 (no credit / refused, final). 47003 and 41030 are our bugs, logged
 * with the notice kind; anything transient is retried later. WeChat keeps the true count; ours only spares
 * calls that could not succeed, so a replica that dies mid-send loses no one's credit.
 */
@Injectable()
export class WechatChannelService {
  private readonly logger = new Logger('WechatChannel');

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(OutboxMessage) private readonly outbox: Repository<OutboxMessage>,
    @InjectRepository(SubscribeCredit) private readonly credits: Repository<SubscribeCredit>,
    private readonly tx: TransactionService,
    private readonly users: UsersService,
    private readonly wechat: WechatClient,
  ) {}

  async drain(now = new Date(), limit = 50): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, skipped: 0, failed: 0, retrying: 0 };
    const due = await this.outbox.find({
      where: [
        { state: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        { state: 'sending', leaseUntil: LessThan(now) },
      ],
      order: { createdAt: 'ASC' },
      take: limit,
    });
    for (const row of due) {
      if (!(await this.claim(row, now))) continue;
      result[await this.deliver(row, now)]++;
    }
    return result;
  }

  private async claim(row: OutboxMessage, now: Date): Promise<boolean> {
    const res = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ state: 'sending', leaseUntil: new Date(now.getTime() + this.config.JOBS_LEASE_MS), attempts: () => 'attempts + 1' })
        .where('id = :id AND ((state = :pending AND nextAttemptAt <= :now) OR (state = :sending AND leaseUntil < :now))', { id: row.id, pending: 'pending', sending: 'sending', now })
        .execute(),
    );
    if (res.affected) row.attempts++;
    return !!res.affected;
  }

  private async deliver(row: OutboxMessage, now: Date): Promise<keyof DrainResult> {
    const templateId = this.config.wechatTemplates[row.templateKey as WechatTemplateKey];
    if (!templateId || !this.wechat.configured) return this.finish(row, 'skipped', 'channel off');
    const openid = (await this.users.openidsOf([row.userId])).get(row.userId);
    if (!openid) return this.finish(row, 'skipped', 'no openid');
    if (!(await this.credits.exists({ where: { userId: row.userId, templateId, credits: MoreThan(0) } }))) return this.finish(row, 'skipped', 'no credit');
    const { page, data } = JSON.parse(row.payload) as { page: string | null; data: Record<string, { value: string }> };
    const res = await this.wechat.sendSubscribe({ touser: openid, template_id: templateId, ...(page ? { page } : {}), data });
    if (res.ok || res.errcode === 43101) await this.spendCredit(row.userId, templateId);
    if (res.ok) return this.finish(row, 'sent', null);
    if (res.errcode === 43101) return this.finish(row, 'failed', '43101 user refused or holds no credit');
    if (res.errcode === 47003 || res.errcode === 41030 || res.errcode === 40003 || res.errcode === 40037) {
      this.logger.error(`WeChat refused notice ${row.kind} (template ${row.templateKey}): ${res.errcode} ${res.errmsg}`);
      return this.finish(row, 'failed', `${res.errcode} ${res.errmsg}`.slice(0, 200));
    }
    if (row.attempts >= OUTBOX_MAX_ATTEMPTS) return this.finish(row, 'failed', `${res.errcode} ${res.errmsg}`.slice(0, 200));
    await this.tx.run((em) =>
      em.update(OutboxMessage, { id: row.id, state: 'sending' }, { state: 'pending', leaseUntil: null, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)), lastError: `${res.errcode} ${res.errmsg}`.slice(0, 200) }),
    );
    return 'retrying';
  }

  private async finish(row: OutboxMessage, state: Exclude<OutboxState, 'pending' | 'sending'>, error: string | null): Promise<'sent' | 'skipped' | 'failed'> {
    await this.tx.run((em) => em.update(OutboxMessage, { id: row.id, state: 'sending' }, { state, leaseUntil: null, lastError: error, doneAt: new Date() }));
    return state;
  }

  private async spendCredit(userId: string, templateId: string): Promise<void> {
    await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(SubscribeCredit)
        .set({ credits: () => 'credits - 1', updatedAt: new Date() })
        .where('userId = :userId AND templateId = :templateId AND credits > 0', { userId, templateId })
        .execute(),
    );
  }
}
