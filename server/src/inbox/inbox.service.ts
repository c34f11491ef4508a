import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { InboxMessage } from './inbox-message.entity';

export interface NewMessage {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

@Injectable()
export class InboxService {
  constructor(@InjectRepository(InboxMessage) private readonly messages: Repository<InboxMessage>) {}

  /** Sends within the caller's transaction when one is given, so a rolled-back decision sends nothing. */
  async send(msg: NewMessage, em?: EntityManager): Promise<void> {
    const row = { id: newId(), ...msg, link: msg.link ?? null, createdAt: new Date(), readAt: null };
    await (em ? em.insert(InboxMessage, row) : this.messages.insert(row));
  }

  async list(userId: string, limit = 50): Promise<{ unread: number; items: InboxMessage[] }> {
    const [items, unread] = await Promise.all([
      this.messages.find({ where: { userId }, order: { createdAt: 'DESC' }, take: limit }),
      this.messages.countBy({ userId, readAt: IsNull() }),
    ]);
    return { unread, items };
  }

  async markRead(userId: string, id: string): Promise<InboxMessage> {
    const msg = await this.messages.findOneBy({ id, userId });
    if (!msg) throw DomainError.notFound();
    if (!msg.readAt) {
      msg.readAt = new Date();
      await this.messages.update({ id, userId }, { readAt: msg.readAt });
    }
    return msg;
  }
}
