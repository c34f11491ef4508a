import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** A message to one user (decisions, reminders); reused by every capability. */
@Entity('inbox_messages')
@Index('ix_inbox_user_created', ['userId', 'createdAt'])
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
}
