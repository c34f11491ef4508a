import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * One pack claimed by one member. `slot` = 1…perMemberLimit and `daySlot` = 1…perDayLimit within a Beijing day
 * (`day`): the unique indexes on them are what keep a member within the limits under concurrency — two claims
 * racing for the same slot cannot both commit.
 */
@Entity('benefit_claims')
@Index('uq_benefit_claims_slot', ['campaignId', 'userId', 'slot'], { unique: true })
@Index('uq_benefit_claims_day_slot', ['campaignId', 'userId', 'day', 'daySlot'], { unique: true })
export class BenefitClaim {
  @IdColumn() id: string;
  @RefColumn() campaignId: string;
  @RefColumn() userId: string;
  @Column({ type: 'int' }) slot: number;
  /** Days since 1970-01-01 in Beijing time. */
  @Column({ type: 'int' }) day: number;
  /** NULL without a daily limit (NULLs never collide in a unique index). */
  @Column({ type: 'int', nullable: true, default: null }) daySlot: number | null;
  @DateTimeColumn() claimedAt: Date;
}
