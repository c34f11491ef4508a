import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One-time send credits a weapp user granted for a template (one tap on 允许 = one message WeChat accepts). */
@Entity('subscribe_credits')
@Index('uq_subscribe_credit', ['userId', 'templateId'], { unique: true })
export class SubscribeCredit {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'int' }) credits: number;
  @DateTimeColumn() updatedAt: Date;
}
