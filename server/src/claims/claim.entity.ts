import type { ClaimCategory, ClaimOutcome, ClaimStatus, HandlingTier, TransferDepartment } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';
import { encryptedColumn } from '../pii/pii-cipher';

export type RoutedBy = 'membership' | 'employer' | 'district';

/**
 * A grievance and its whole lifecycle. `orgId` is the union that owns it now (有人管), `assigneeId` the officer;
 * deadlines are stored when set so queues can sort and filter on them in SQL (有时限).
 */
@Entity('claims')
@Index('ix_claims_org_status', ['orgId', 'status'])
@Index('ix_claims_submitted', ['submittedAt', 'id'])
@Index('ix_claims_due', ['dueAt', 'submittedAt', 'id'])
// dashboards and public figures: a period's range on submittedAt, every other column a figure reads (covering)
@Index('ix_claims_dashboard', ['submittedAt', 'orgId', 'category', 'handlingTier', 'outcome', 'firstResponseAt', 'firstResponseDueAt', 'mediationDueAt', 'resolvedAt', 'agreedFen', 'recoveredFen', 'ratingScore'])
// the dashboards' late counts: the unanswered / unresolved claims whose deadline is still ahead (a range over the
// last days' claims), subtracted from the open counts the summary rows keep (covering: scope and period checked inside)
@Index('ix_claims_unanswered', ['firstResponseAt', 'firstResponseDueAt', 'submittedAt', 'orgId'])
@Index('ix_claims_unresolved', ['resolvedAt', 'mediationDueAt', 'submittedAt', 'orgId'])
// an officer's own claims by status: the 诉求办理 badge and the assignees' open counts (500k assigned stay a range)
@Index('ix_claims_assignee_status', ['assigneeId', 'status'])
@Index('ix_claims_half_warn', ['halfWarnAt'])
@Index('ix_claims_overdue_warn', ['overdueWarnAt'])
@Index('ix_claims_escalate', ['escalateAt'])
@Index('ix_claims_arbitration_prompt', ['arbitrationPromptAt'])
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
  /** The name the worker wants to be addressed by (null on claims filed before it was asked). */
  @Column({ type: 'varchar', length: 50, nullable: true, default: null }) contactName: string | null;
  /** 电话联系 only: normalised mobile, AES-256-GCM encrypted in the row; revealed to an officer in scope with an audit line. */
  @Column({ type: 'varchar', length: 255, nullable: true, default: null, transformer: encryptedColumn }) contactMobile: string | null;
  /** `138****5678`, kept so lists and exports show it without decrypting. */
  @Column({ type: 'varchar', length: 16, nullable: true, default: null }) contactMobileMasked: string | null;

  @Column({ type: 'varchar', length: 12 }) status: ClaimStatus;
  @Index('ix_claims_org')
  @RefColumn() orgId: string;
  @RefColumn(true) assigneeId: string | null;
  /** 0 at the first org; +1 for each escalation up the tree. */
  @Column({ type: 'int' }) tier: number;
  @Column({ type: 'varchar', length: 12 }) routedBy: RoutedBy;

  // ---- tiers and the law (issue 13) ----
  /** 办理层级: 1 union mediation, 2 linkage mediation centre, 3 guided to arbitration/court. */
  @Column({ type: 'int' }) handlingTier: HandlingTier = 1;
  /** 疑难: marked by the officer who referred it to the centre (or by the clock when tier-1 mediation ran over). */
  @BoolColumn() difficult = false;
  /** When the claim entered its current handling tier. */
  @DateTimeColumn(true) tierEnteredAt: Date | null;
  /** When the mediation body of the current tier received it (its first acceptance at that tier): art. 14 counts from here. */
  @DateTimeColumn(true) mediationReceivedAt: Date | null;
  /** Art. 14: start of the Beijing day 15 calendar days after `mediationReceivedAt`. */
  @DateTimeColumn(true) arbitrationRightAt: Date | null;
  /** The worker's 继续调解 after that day (the latest consent). */
  @DateTimeColumn(true) continuedMediationConsentAt: Date | null;
  /** When the worker chose 申请仲裁 (tier 3). */
  @DateTimeColumn(true) arbitrationChosenAt: Date | null;

  // ---- the SLA clock's pending work: each is the instant the job must act, NULL once done or not applicable ----
  /** Half the running deadline (warn the assignee). */
  @DateTimeColumn(true) halfWarnAt: Date | null;
  /** The running deadline (warn the assignee and the parent org's officers). */
  @DateTimeColumn(true) overdueWarnAt: Date | null;
  /** First response overdue by one more working day (escalate to the parent org). */
  @DateTimeColumn(true) escalateAt: Date | null;
  /** Art. 14 day-15 prompt to the worker. */
  @DateTimeColumn(true) arbitrationPromptAt: Date | null;

  // ---- follow-through on agreements (kept in the same transactions as the agreement and the answers) ----
  /** Sum of the current agreement (调解协议约定金额); null without one. */
  @Column({ type: 'int', nullable: true, default: null }) agreedFen: number | null;
  /** Sum the worker confirmed receiving (已收到) under it; null until the first confirmation. */
  @Column({ type: 'int', nullable: true, default: null }) recoveredFen: number | null;
  /** The worker answered 未收到: the claim was reopened with the art. 16 payment-order guidance. */
  @DateTimeColumn(true) paymentMissedAt: Date | null;

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
