import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** A coupon used at a merchant's till (undone within 10 minutes by the same merchant: `undoneAt`). */
@Entity('benefit_redemptions')
@Index('ix_benefit_redemptions_merchant', ['merchantId', 'redeemedAt', 'id'])
@Index('ix_benefit_redemptions_month', ['month', 'merchantId'])
@Index('ix_benefit_redemptions_coupon', ['couponId'])
export class Redemption {
  @IdColumn() id: string;
  @RefColumn() couponId: string;
  @RefColumn() campaignId: string;
  @RefColumn() merchantId: string;
  /** The member (never shown to the merchant but as a masked name). */
  @RefColumn() userId: string;
  /** The merchant user who redeemed. */
  @RefColumn() redeemedBy: string;
  @Column({ type: 'int' }) orderFen: number;
  @Column({ type: 'int' }) discountFen: number;
  /** `YYYY-MM` in Beijing time: the settlement month. */
  @Column({ type: 'varchar', length: 7 }) month: string;
  @DateTimeColumn() redeemedAt: Date;
  @DateTimeColumn(true) undoneAt: Date | null;
}
