import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

export type ClaimExportStatus = 'pending' | 'running' | 'done' | 'failed';

/**
 * One 台账 export: asked for by an officer or admin, written in the background by whichever replica claims the row
 * (a guarded update; a run whose lease ran out is taken over), progress kept here for the requester to poll.
 */
@Entity('claim_exports')
@Index('ix_claim_exports_status', ['status', 'createdAt'])
export class ClaimExport {
  @IdColumn() id: string;
  @Index('ix_claim_exports_requester')
  @RefColumn() requesterId: string;
  /** The ledger filters (JSON) and the scope they were asked in (JSON org path prefixes, null = city-wide). */
  @Column({ type: 'varchar', length: 1000 }) filters: string;
  @Column({ type: 'text' }) scope: string;
  @Column({ type: 'varchar', length: 10 }) status: ClaimExportStatus;
  @Column({ type: 'int', nullable: true, default: null }) rowsTotal: number | null;
  @Column({ type: 'int' }) rowsDone: number;
  @Column({ type: 'varchar', length: 100, nullable: true, default: null }) fileKey: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true, default: null }) owner: string | null;
  @DateTimeColumn(true) leaseUntil: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) error: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) finishedAt: Date | null;
}
