import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** An uploaded evidence photo; content-checked, stored under a generated key, attached to at most one claim. */
@Entity('attachments')
export class Attachment {
  @IdColumn() id: string;
  @Index('ix_attachments_owner')
  @RefColumn() ownerId: string;
  @Index('ix_attachments_claim')
  @RefColumn(true) claimId: string | null;
  @Column({ type: 'varchar', length: 20 }) mime: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 100 }) storageKey: string;
  @DateTimeColumn() createdAt: Date;
}
