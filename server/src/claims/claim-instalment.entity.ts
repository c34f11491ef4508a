import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * One payment of an agreement (an agreement without instalments has one). On its due date the worker is asked
 * 是否已收到; `askAt` is the clock's pending work (NULL once asked), the answer is `confirmedAt` or `notReceivedAt`.
 */
@Entity('claim_instalments')
@Index('ix_claim_instalments_agreement', ['agreementId', 'seq'])
export class ClaimInstalment {
  @IdColumn() id: string;
  @RefColumn() agreementId: string;
  @Index('ix_claim_instalments_claim')
  @RefColumn() claimId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'int' }) amountFen: number;
  @Column({ type: 'varchar', length: 10 }) dueDate: string;
  @Index('ix_claim_instalments_ask')
  @DateTimeColumn(true) askAt: Date | null;
  @DateTimeColumn(true) askedAt: Date | null;
  @DateTimeColumn(true) confirmedAt: Date | null;
  @Column({ type: 'int', nullable: true, default: null }) receivedFen: number | null;
  @DateTimeColumn(true) notReceivedAt: Date | null;
}
