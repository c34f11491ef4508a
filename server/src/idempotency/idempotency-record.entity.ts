import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn } from '../database/columns';

/** First response to a create/claim per user + route + Idempotency-Key, replayed on retries for 24 h. */
@Entity('idempotency_records')
@Index('uq_idempotency', ['userId', 'routeKey', 'idemKey'], { unique: true })
export class IdempotencyRecord {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 160 })
  routeKey: string;

  @Column({ type: 'varchar', length: 100 })
  idemKey: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** pending while the first request runs; done once its response is stored. */
  @Column({ type: 'varchar', length: 10 })
  state: 'pending' | 'done';

  @Column({ type: 'int', nullable: true, default: null })
  responseStatus: number | null;

  @Column({ type: 'text', nullable: true, default: null })
  responseBody: string | null;

  @DateTimeColumn() createdAt: Date;

  @Index('ix_idempotency_expires')
  @DateTimeColumn() expiresAt: Date;
}
