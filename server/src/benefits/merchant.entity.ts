import type { MerchantCategory, MerchantStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';
import { decimal } from './columns';

/** A partner merchant (合作商户), signed by one union org: its officers manage it, its users are bound by `merchant` grants. */
@Entity('benefit_merchants')
@Index('ix_benefit_merchants_org', ['orgId', 'name', 'id'])
export class Merchant {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 12 }) category: MerchantCategory;
  @Column({ type: 'varchar', length: 200 }) address: string;
  @Column({ type: 'varchar', length: 20 }) district: string;
  /** GCJ-02, 6 decimal places. */
  @Column({ type: 'decimal', precision: 9, scale: 6, transformer: decimal }) lat: number;
  @Column({ type: 'decimal', precision: 9, scale: 6, transformer: decimal }) lng: number;
  /** The shop's own public phone (not personal data). */
  @Column({ type: 'varchar', length: 30, nullable: true, default: null }) phone: string | null;
  @RefColumn() orgId: string;
  @Column({ type: 'varchar', length: 10 }) status: MerchantStatus;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
