import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn } from '../database/columns';

/** One SMS code sent. The mobile is kept only as its keyed hash; the code only as a keyed hash. */
@Entity('sms_codes')
@Index('ix_sms_codes_mobile_created', ['mobileHash', 'createdAt'])
export class SmsCode {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 64 })
  mobileHash: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'int' })
  attempts = 0;

  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn(true) consumedAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
