import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, RefColumn } from '../database/columns';

/** An org's own wish limits; orgs without a row inherit their nearest ancestor's, else the defaults. */
@Entity('wish_settings')
export class WishSetting {
  @PrimaryColumn({ type: 'varchar', length: 36 }) orgId: string;
  @Column({ type: 'int' }) valueCapFen: number;
  @Column({ type: 'int' }) yearlyLimit: number;
  @RefColumn(true) updatedBy: string | null;
  @DateTimeColumn() updatedAt: Date;
}
