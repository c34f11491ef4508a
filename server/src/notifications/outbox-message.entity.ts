import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

/**
 * A notice waiting for a channel beyond the inbox (today: WeChat subscribe messages). Written in the same
 * transaction as the action, so a rolled-back action sends nothing and a committed one survives a crash; the
 * unique `dedupeKey` keeps a repeated action from queueing twice, and a delivery claims its row by a guarded
 * update, so one replica sends it.
 */
@Entity('notice_outbox')
@Index('ix_outbox_due', ['state', 'nextAttemptAt'])
export class OutboxMessage {
  @IdColumn() id: string;
  @Index('uq_outbox_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 160 }) dedupeKey: string;
  @Column({ type: 'varchar', length: 16 }) channel: 'wechat';
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  /** Catalogue template key (`claimProgress`…); its id is looked up at delivery, so a changed id applies. */
  @Column({ type: 'varchar', length: 32 }) templateKey: string;
  /** JSON `{ page, data }` rendered from the catalogue when the action happened. */
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'varchar', length: 12 }) state: OutboxState;
  @Column({ type: 'int' }) attempts: number;
  @DateTimeColumn() nextAttemptAt: Date;
  /** While `sending`: the claim expires then, and another replica may take the row over. */
  @DateTimeColumn(true) leaseUntil: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) lastError: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) doneAt: Date | null;
}
