import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** Rotating refresh tokens: only the SHA-256 of the token is stored; a used token presented again revokes its family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @IdColumn() id: string;

  @Index('ix_refresh_tokens_user')
  @RefColumn() userId: string;

  @Index('ix_refresh_tokens_family')
  @RefColumn() family: string;

  @Index('uq_refresh_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn(true) usedAt: Date | null;
  @DateTimeColumn(true) revokedAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
