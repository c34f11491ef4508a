import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * A member flagged 劳模 (model worker) by an officer of their org; campaigns may be only for them. One row per
 * person (`userId` unique): the honour follows the member through a transfer. Flag and unflag are audited.
 */
@Entity('benefit_model_workers')
@Index('uq_benefit_model_workers_user', ['userId'], { unique: true })
@Index('ix_benefit_model_workers_org', ['orgId', 'flaggedAt'])
export class ModelWorker {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  /** The member's org when flagged: who lists and unflags them (eligibility reads the member's current org). */
  @RefColumn() orgId: string;
  @Column({ type: 'varchar', length: 40 }) honour: string;
  @RefColumn() flaggedBy: string;
  @DateTimeColumn() flaggedAt: Date;
}
