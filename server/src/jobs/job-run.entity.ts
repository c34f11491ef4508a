import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn } from '../database/columns';

/**
 * One run of a cluster-wide job in one time slot. The unique (job, slot) index makes the first replica to insert
 * the row the one that runs it; a run whose owner stops renewing its lease (the process died) is taken over.
 */
@Entity('job_runs')
@Index('uq_job_runs_slot', ['job', 'slot'], { unique: true })
@Index('ix_job_runs_open', ['job', 'finishedAt'])
export class JobRun {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64 }) job: string;
  /** `floor(epoch ms / period)`: the slot this run covers. */
  @Column({ type: 'varchar', length: 24 }) slot: string;
  @Column({ type: 'varchar', length: 100 }) owner: string;
  @Column({ type: 'int' }) attempts: number;
  @DateTimeColumn() startedAt: Date;
  @DateTimeColumn() leaseUntil: Date;
  @DateTimeColumn(true) finishedAt: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) error: string | null;
}
