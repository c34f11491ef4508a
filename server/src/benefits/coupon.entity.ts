import type { CouponKind, CouponStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One coupon in a member's wallet. It is used once: `status` moves by `UPDATE … WHERE status = 'available'`. */
@Entity('benefit_coupons')
@Index('ix_benefit_coupons_owner', ['userId', 'status', 'validUntil'])
@Index('ix_benefit_coupons_due', ['status', 'validUntil'])
@Index('ix_benefit_coupons_claim', ['claimId'])
export class Coupon {
  @IdColumn() id: string;
  @RefColumn() campaignId: string;
  @RefColumn() claimId: string;
  @RefColumn() userId: string;
  /** The 12-digit till code (11 random digits + a Damm check digit). */
  @Index('uq_benefit_coupons_code', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  code: string;
  @Column({ type: 'varchar', length: 10 }) kind: CouponKind;
  @Column({ type: 'int' }) thresholdFen: number;
  @Column({ type: 'int' }) discountFen: number;
  @Column({ type: 'int', nullable: true, default: null }) percentOff: number | null;
  @Column({ type: 'int', nullable: true, default: null }) capFen: number | null;
  @DateTimeColumn() validFrom: Date;
  @DateTimeColumn() validUntil: Date;
  @Column({ type: 'varchar', length: 10 }) status: CouponStatus;
  @DateTimeColumn() claimedAt: Date;
  @DateTimeColumn(true) usedAt: Date | null;
  @DateTimeColumn(true) remindedAt: Date | null;
}
