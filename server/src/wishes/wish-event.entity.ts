import type { WishActor, WishStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One step on a wish's timeline; both sides see it (never an actor's identity, only the role). */
@Entity('wish_events')
@Index('ix_wish_events_wish', ['wishId', 'seq'])
export class WishEvent {
  @IdColumn() id: string;
  @RefColumn() wishId: string;
  @DateTimeColumn() at: Date;
  @Column({ type: 'int' }) seq: number;
  @RefColumn(true) actorId: string | null;
  @Column({ type: 'varchar', length: 10 }) actorRole: WishActor;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 12 }) fromStatus: WishStatus;
  @Column({ type: 'varchar', length: 12 }) toStatus: WishStatus;
  @Column({ type: 'varchar', length: 400, nullable: true, default: null }) note: string | null;
  /** JSON details never shown (e.g. the text before an officer's edit). */
  @Column({ type: 'text', nullable: true, default: null }) data: string | null;
}
