import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn } from '../database/columns';
import { encryptedColumn } from '../pii/pii-cipher';

@Entity('users')
export class User {
  @IdColumn() id: string;

  @Index('uq_users_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  openid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  unionid: string | null;

  /** Normalised mobile, AES-256-GCM encrypted in the row. */
  @Column({ type: 'varchar', length: 255, nullable: true, default: null, transformer: encryptedColumn })
  mobile: string | null;

  /** HMAC-SHA256 of the normalised mobile for lookups. */
  @Index('uq_users_mobile_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  mobileHash: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  nickname: string | null;

  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) lastLoginAt: Date | null;
}
