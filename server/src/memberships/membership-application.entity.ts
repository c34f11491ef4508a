import type { ApplicationKind, ApplicationStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';
import { encryptedColumn } from '../pii/pii-cipher';

/**
 * A join or transfer application and its decision (who, when, reason). `openKey` holds the ID-number hash
 * while the application is pending and NULL after: its unique index makes "one open application per person"
 * hold under concurrency on every database.
 */
@Entity('membership_applications')
@Index('ix_app_org_status_submitted', ['orgId', 'status', 'submittedAt'])
export class MembershipApplication {
  @IdColumn() id: string;

  @Index('ix_app_user')
  @RefColumn() userId: string;

  @RefColumn() orgId: string;

  @Column({ type: 'varchar', length: 10 }) kind: ApplicationKind;
  @Column({ type: 'varchar', length: 10 }) status: ApplicationStatus;

  @Column({ type: 'varchar', length: 50 }) name: string;

  @Column({ type: 'varchar', length: 255, transformer: encryptedColumn }) mobile: string;
  @Column({ type: 'varchar', length: 64 }) mobileHash: string;

  @Column({ type: 'varchar', length: 255, transformer: encryptedColumn }) idNumber: string;
  @Index('ix_app_id_hash')
  @Column({ type: 'varchar', length: 64 })
  idHash: string;

  @Column({ type: 'varchar', length: 100 }) employer: string;
  @Column({ type: 'varchar', length: 20 }) occupation: string;
  @Column({ type: 'varchar', length: 50 }) city: string;

  @DateTimeColumn() consentAt: Date;

  @Index('uq_app_open_key', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  openKey: string | null;

  /** Transfers: the membership being moved, and why. */
  @RefColumn(true) fromMembershipId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) transferReason: string | null;

  @DateTimeColumn() submittedAt: Date;
  @DateTimeColumn(true) decidedAt: Date | null;
  /** NULL with a decision = decided automatically (auto-approve org). */
  @RefColumn(true) decidedBy: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true, default: null }) decisionReason: string | null;

  @RefColumn(true) membershipId: string | null;
}
