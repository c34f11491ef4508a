import type { MembershipStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * One membership of one person in one org. `activeKey` = ID-number hash while active, NULL once ended: its
 * unique index is what makes "one person = one membership" hold, across orgs and under concurrency.
 */
@Entity('memberships')
export class Membership {
  @IdColumn() id: string;

  @Index('uq_memberships_no', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  memberNo: string;

  @Index('ix_memberships_user')
  @RefColumn() userId: string;

  @Index('ix_memberships_org')
  @RefColumn() orgId: string;

  @Column({ type: 'varchar', length: 64 }) idHash: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 10 }) status: MembershipStatus;

  @Index('uq_memberships_active_key', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  activeKey: string | null;

  @RefColumn() applicationId: string;
  @DateTimeColumn() since: Date;
  @DateTimeColumn(true) endedAt: Date | null;
  @Column({ type: 'varchar', length: 100, nullable: true, default: null }) endReason: string | null;
}
