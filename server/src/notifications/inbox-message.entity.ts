import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** A message to one user in 消息, written by `NotificationsService.notify` from the notice catalogue. */
@Entity('inbox_messages')
@Index('ix_inbox_user_created', ['userId', 'createdAt'])
@Index('ix_inbox_user_read', ['userId', 'readAt'])
export class InboxMessage {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  /** A page in the app, e.g. `/pages/join/status?id=…`. */
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) link: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) readAt: Date | null;
  /** `kind:ref:user` when the sender names the action (a claim event, a decision): the same action never writes twice. */
  @Index('uq_inbox_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 160, nullable: true, default: null })
  dedupeKey: string | null;
}
