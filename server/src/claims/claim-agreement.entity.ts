import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** A mediation agreement with money owed (调解协议), recorded when the officer resolves a claim as mediated. */
@Entity('claim_agreements')
export class ClaimAgreement {
  @IdColumn() id: string;
  @Index('ix_claim_agreements_claim')
  @RefColumn() claimId: string;
  @Column({ type: 'int' }) amountFen: number;
  /** Beijing date `YYYY-MM-DD` the whole sum is due by (the last instalment's date). */
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @RefColumn() createdById: string;
  @DateTimeColumn() createdAt: Date;
}
