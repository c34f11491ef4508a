import type { ClaimCategory, ClaimOutcome, ClaimStatus, TransferDepartment } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

export type RoutedBy = 'membership' | 'employer' | 'district';

/**
 * A grievance and its whole lifecycle. `orgId` is the union that owns it now (有人管), `assigneeId` the officer;
 * deadlines are stored when set so queues can sort and filter on them in SQL (有时限).
 */
@Entity('claims')
@Index('ix_claims_org_status', ['orgId', 'status'])
@Index('ix_claims_submitted', ['submittedAt', 'id'])
@Index('ix_claims_due', ['dueAt', 'submittedAt', 'id'])
export class Claim {
  @IdColumn() id: string;

  @Index('uq_claims_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Index('ix_claims_worker')
  @RefColumn() workerId: string;

  @Column({ type: 'varchar', length: 20 }) category: ClaimCategory;
  @RefColumn(true) employerOrgId: string | null;
  @Column({ type: 'varchar', length: 100 }) employerName: string;
  @Column({ type: 'int', nullable: true, default: null }) amountFen: number | null;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 10 }) contactPreference: 'phone' | 'message';

  @Column({ type: 'varchar', length: 12 }) status: ClaimStatus;
  @Index('ix_claims_org')
  @RefColumn() orgId: string;
  @Index('ix_claims_assignee')
  @RefColumn(true) assigneeId: string | null;
  /** 0 at the first org; +1 for each escalation up the tree. */
  @Column({ type: 'int' }) tier: number;
  @Column({ type: 'varchar', length: 12 }) routedBy: RoutedBy;

  @DateTimeColumn() firstResponseDueAt: Date;
  @DateTimeColumn(true) firstResponseAt: Date | null;
  @DateTimeColumn(true) mediationDueAt: Date | null;
  /** Per deadline: counted through a year without official calendar data (Monday–Friday used). */
  @BoolColumn() firstResponseEstimated = false;
  @BoolColumn() mediationEstimated = false;
  /**
   * The deadline that applies in the current status (first response while awaiting acceptance, mediation while
   * being worked on, none otherwise), kept by every transition: the queue sorts on it and overdue is `dueAt < now`.
   */
  @DateTimeColumn(true) dueAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true, default: null }) department: TransferDepartment | null;
  @Column({ type: 'varchar', length: 20, nullable: true, default: null }) outcome: ClaimOutcome | null;
  @Column({ type: 'int', nullable: true, default: null }) amountRecoveredFen: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true, default: null }) outcomeSummary: string | null;

  @Column({ type: 'int', nullable: true, default: null }) ratingScore: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true, default: null }) ratingComment: string | null;
  @Column({ type: 'int' }) reopenCount = 0;

  @DateTimeColumn() submittedAt: Date;
  @DateTimeColumn(true) acceptedAt: Date | null;
  @DateTimeColumn(true) resolvedAt: Date | null;
  @DateTimeColumn(true) ratedAt: Date | null;
  @DateTimeColumn(true) closedAt: Date | null;
  @DateTimeColumn() updatedAt: Date;
}
