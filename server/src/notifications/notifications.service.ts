import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { renderNotice, SUBSCRIBE_MOMENTS, WECHAT_TEMPLATE_KEYS, WECHAT_TEMPLATES, type NoticeKind, type NoticeParams, type SubscribeMoment } from '@nuanxin/shared';
import { In, MoreThan, Repository, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { InboxMessage } from './inbox-message.entity';
import { OutboxMessage } from './outbox-message.entity';
import { SubscribeCredit } from './subscribe-credit.entity';

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export interface NotifyOptions {
  /**
   * The action this notice reports (a claim event id, an application id): the same kind, ref and user are
   * written once, however often the sender runs.
   */
  ref?: string;
}

const CHUNK = 200;

/** A notice prepared now and sent later inside a transaction, named by the action (`ref`) that caused it. */
export type PendingNotice = (em: EntityManager, ref: string) => Promise<void>;

/**
 * The mailroom's front desk. `notify` is the one way any capability tells a person something: it renders the
 * catalogue entry and writes the inbox row — and, for a weapp user who holds a send credit for the kind's
 * WeChat template, an outbox row — inside the caller's transaction.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(SubscribeCredit) private readonly credits: Repository<SubscribeCredit>,
    private readonly tx: TransactionService,
  ) {}

  async notify<K extends NoticeKind>(em: EntityManager, kind: K, userIds: readonly string[], params: NoticeParams<K>, options: NotifyOptions = {}): Promise<void> {
    let to = [...new Set(userIds)];
    if (!to.length) return;
    const now = new Date();
    const notice = renderNotice(kind, params, now);
    const keyOf = (userId: string) => (options.ref ? `${kind}:${options.ref}:${userId}` : null);
    if (options.ref) {
      const seen = new Set<string | null>();
      for (let i = 0; i < to.length; i += CHUNK) {
        const keys = to.slice(i, i + CHUNK).map((u) => keyOf(u)!);
        for (const m of await em.find(InboxMessage, { where: { dedupeKey: In(keys) }, select: { id: true, dedupeKey: true } })) seen.add(m.dedupeKey);
      }
      to = to.filter((u) => !seen.has(keyOf(u)));
      if (!to.length) return;
    }
    const rows = to.map((userId) => ({ id: newId(), userId, kind, title: notice.title, body: notice.body, link: notice.link, createdAt: now, readAt: null, dedupeKey: keyOf(userId) }));
    for (let i = 0; i < rows.length; i += CHUNK) await em.insert(InboxMessage, rows.slice(i, i + CHUNK));

    const templateId = notice.wechat && this.wechatOn ? this.config.wechatTemplates[notice.wechat.template] : undefined;
    if (!notice.wechat || !templateId) return;
    const holders = new Set<string>();
    for (let i = 0; i < to.length; i += CHUNK) {
      const found = await em.find(SubscribeCredit, { where: { userId: In(to.slice(i, i + CHUNK)), templateId, credits: MoreThan(0) }, select: { id: true, userId: true } });
      for (const c of found) holders.add(c.userId);
    }
    const payload = JSON.stringify({ page: notice.wechat.page, data: notice.wechat.data });
    const outbox = rows
      .filter((r) => holders.has(r.userId))
      .map((r) => ({
        id: newId(),
        dedupeKey: r.dedupeKey ?? `inbox:${r.id}`,
        channel: 'wechat' as const,
        userId: r.userId,
        kind,
        templateKey: notice.wechat!.template,
        payload,
        state: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        lastError: null,
        createdAt: now,
        doneAt: null,
      }));
    for (let i = 0; i < outbox.length; i += CHUNK) await em.insert(OutboxMessage, outbox.slice(i, i + CHUNK));
  }

  /** `notify` prepared for a step whose id is known only inside its transaction; absent recipients are skipped. */
  pending<K extends NoticeKind>(kind: K, to: ReadonlyArray<string | null>, params: NoticeParams<K>): PendingNotice {
    return (em, ref) => this.notify(em, kind, to.filter((u): u is string => !!u), params, { ref });
  }

  private get wechatOn(): boolean {
    return !!(this.config.WECHAT_APPID && this.config.WECHAT_SECRET);
  }

  /** The template ids the mini-program asks consent for at each moment (none while WeChat is unconfigured). */
  subscribeTemplates(): { enabled: boolean; moments: Record<SubscribeMoment, string[]> } {
    const moments = Object.fromEntries(SUBSCRIBE_MOMENTS.map((m) => [m, [] as string[]])) as Record<SubscribeMoment, string[]>;
    if (this.wechatOn) {
      for (const key of WECHAT_TEMPLATE_KEYS) {
        const id = this.config.wechatTemplates[key];
        if (id) moments[WECHAT_TEMPLATES[key].moment].push(id);
      }
    }
    return { enabled: Object.values(moments).some((ids) => ids.length > 0), moments };
  }

  /**
   * The user's answers to `wx.requestSubscribeMessage`: each `accept` is one credit for that template; the other
   * answers grant nothing. Unknown template ids are field errors and nothing is recorded.
   */
  async recordSubscriptions(userId: string, results: Record<string, SubscribeAnswer>): Promise<Record<string, number>> {
    const known = new Set(Object.values(this.config.wechatTemplates));
    const errors = Object.keys(results)
      .filter((id) => !known.has(id))
      .map((id) => ({ field: `results.${id}`, message: '没有这个订阅消息模板，请刷新后重试' }));
    if (errors.length) throw DomainError.validation(errors);
    const accepted = Object.keys(results).filter((id) => results[id] === 'accept');
    for (const templateId of accepted) await this.addCredit(userId, templateId);
    const rows = Object.keys(results).length ? await this.credits.findBy({ userId, templateId: In(Object.keys(results)) }) : [];
    const have = new Map(rows.map((r) => [r.templateId, r.credits]));
    return Object.fromEntries(Object.keys(results).map((id) => [id, have.get(id) ?? 0]));
  }

  /**
   * One more credit: insert the row, or bump it when it exists. Each statement is its own transaction: an UPDATE
   * that finds no row followed by an INSERT in one transaction takes gap locks that deadlock two users' first
   * credits on MySQL.
   */
  private async addCredit(userId: string, templateId: string): Promise<void> {
    const bump = () =>
      this.tx.run((em) => em.createQueryBuilder().update(SubscribeCredit).set({ credits: () => 'credits + 1', updatedAt: new Date() }).where('userId = :userId AND templateId = :templateId', { userId, templateId }).execute());
    try {
      await this.tx.run((em) => em.insert(SubscribeCredit, { id: newId(), userId, templateId, credits: 1, updatedAt: new Date() }));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await bump();
    }
  }
}
