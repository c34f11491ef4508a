import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** 劳动人事争议仲裁委员会 serving a district (or a city): tier 3 guidance names the one for the employer's district. */
@Entity('arbitration_commissions')
export class ArbitrationCommission {
  @IdColumn() id: string;
  @Index('uq_arbitration_commissions_org', { unique: true })
  @RefColumn() orgId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 200 }) address: string;
  @Column({ type: 'varchar', length: 30 }) phone: string;
  @Column({ type: 'varchar', length: 200, nullable: true, default: null }) note: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
