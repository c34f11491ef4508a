import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { TransactionService } from '../database/transaction.service';
import { InboxMessage } from './inbox-message.entity';

export const INBOX_PAGE_SIZE = 20;

/** Keyset cursor over (createdAt DESC, id DESC), opaque to clients. */
function encodeInboxCursor(m: InboxMessage): string {
  return Buffer.from(JSON.stringify([m.createdAt.toISOString(), m.id])).toString('base64url');
}

function decodeInboxCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const date = new Date(at as string);
    if (typeof at !== 'string' || Number.isNaN(date.getTime()) || typeof id !== 'string' || id.length > 36) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw DomainError.validation([{ field: 'cursor', message: '分页游标不正确，请从第一页重新加载' }]);
  }
}

/** 消息: a person's own messages, newest first; nobody reads or marks another's. */
@Injectable()
export class InboxService {
  constructor(
    @InjectRepository(InboxMessage) private readonly messages: Repository<InboxMessage>,
    private readonly tx: TransactionService,
  ) {}

  async list(userId: string, cursor?: string): Promise<{ unread: number; items: InboxMessage[]; nextCursor: string | null }> {
    const qb = this.messages.createQueryBuilder('m').where('m.userId = :userId', { userId });
    if (cursor) {
      const c = decodeInboxCursor(cursor);
      qb.andWhere('(m.createdAt < :at OR (m.createdAt = :at AND m.id < :id))', { at: c.at, id: c.id });
    }
    const [rows, unread] = await Promise.all([
      qb.orderBy('m.createdAt', 'DESC').addOrderBy('m.id', 'DESC').take(INBOX_PAGE_SIZE + 1).getMany(),
      this.unreadCount(userId),
    ]);
    const items = rows.slice(0, INBOX_PAGE_SIZE);
    return { unread, items, nextCursor: rows.length > INBOX_PAGE_SIZE ? encodeInboxCursor(items[items.length - 1]) : null };
  }

  /** One count on `ix_inbox_user_read`: cheap enough for every tab show. */
  unreadCount(userId: string): Promise<number> {
    return this.messages.countBy({ userId, readAt: IsNull() });
  }

  async markRead(userId: string, id: string): Promise<InboxMessage> {
    const msg = await this.messages.findOneBy({ id, userId });
    if (!msg) throw DomainError.notFound();
    if (!msg.readAt) {
      const readAt = new Date();
      await this.tx.run((em) => em.update(InboxMessage, { id, userId, readAt: IsNull() }, { readAt }));
      return this.messages.findOneByOrFail({ id, userId });
    }
    return msg;
  }

  async markAllRead(userId: string): Promise<number> {
    const res = await this.tx.run((em) => em.update(InboxMessage, { userId, readAt: IsNull() }, { readAt: new Date() }));
    return res.affected ?? 0;
  }
}
