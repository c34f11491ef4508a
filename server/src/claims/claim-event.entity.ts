import type { ClaimStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One step on a claim's timeline. Internal notes are stored here too, hidden from the worker. */
@Entity('claim_events')
@Index('ix_claim_events_claim_at', ['claimId', 'at'])
export class ClaimEvent {
  @IdColumn() id: string;
  @RefColumn() claimId: string;
  @DateTimeColumn() at: Date;
  /** Monotonic per claim: orders events written in the same millisecond. */
  @Column({ type: 'int' }) seq: number;
  @RefColumn(true) actorId: string | null;
  @Column({ type: 'varchar', length: 10 }) actorRole: 'worker' | 'officer' | 'system';
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'text', nullable: true, default: null }) note: string | null;
  @BoolColumn() visibleToWorker = true;
  @Column({ type: 'varchar', length: 12 }) fromStatus: ClaimStatus;
  @Column({ type: 'varchar', length: 12 }) toStatus: ClaimStatus;
  /** JSON details: orgs moved between, department, outcome, amounts. */
  @Column({ type: 'text', nullable: true, default: null }) data: string | null;
}
