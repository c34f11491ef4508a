import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One daily digest of overdue claims sent to one officer: the unique (user, day) makes it once across replicas. */
@Entity('claim_digests')
@Index('uq_claim_digests_user_day', ['userId', 'day'], { unique: true })
export class ClaimDigest {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  /** Beijing date. */
  @Column({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'int' }) overdue: number;
  @DateTimeColumn() sentAt: Date;
}
