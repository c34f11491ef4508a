import type { CampaignStatus, PackItem } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';
import { jsonText } from './columns';

/**
 * A coupon campaign: one pack (`items`) per claim. Stock moves only by the conditional update in the claim's
 * transaction (`remaining = remaining - 1, claimed = claimed + 1 WHERE remaining > 0`), so remaining + claimed
 * = stock always holds — the nightly audit checks it.
 */
@Entity('benefit_campaigns')
@Index('ix_benefit_campaigns_status', ['status', 'claimClosesAt'])
@Index('ix_benefit_campaigns_org', ['orgId', 'createdAt'])
export class Campaign {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'text' }) description: string;
  /** Members of this org's subtree may claim; its officers manage it. */
  @RefColumn() orgId: string;
  @Column({ type: 'varchar', length: 20 }) status: CampaignStatus;
  @Column({ type: 'text', transformer: jsonText<PackItem[]>() }) items: PackItem[];
  @Column({ type: 'int' }) packValueFen: number;
  @Column({ type: 'int' }) stock: number;
  @Column({ type: 'int' }) remaining: number;
  @Column({ type: 'int' }) claimed: number;
  @Column({ type: 'int' }) perMemberLimit: number;
  @Column({ type: 'int', nullable: true, default: null }) perDayLimit: number | null;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) occupations: string[];
  /** Only members flagged 劳模 (`benefit_model_workers`). */
  @BoolColumn() modelWorkersOnly = false;
  @DateTimeColumn() claimOpensAt: Date;
  @DateTimeColumn() claimClosesAt: Date;
  @Column({ type: 'varchar', length: 5 }) validityMode: 'fixed' | 'days';
  @DateTimeColumn(true) validFrom: Date | null;
  @DateTimeColumn(true) validUntil: Date | null;
  @Column({ type: 'int', nullable: true, default: null }) validDays: number | null;
  /** Empty list = every active partner of the org's subtree. */
  @Column({ type: 'text', transformer: jsonText<string[]>() }) merchantIds: string[];
  @RefColumn(true) proposedByMerchantId: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) rejectReason: string | null;
  @RefColumn() createdBy: string;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) publishedAt: Date | null;
  @DateTimeColumn(true) closedAt: Date | null;
}
