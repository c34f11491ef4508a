import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';
import { encryptedColumn } from '../pii/pii-cipher';

/**
 * The mini-program's server access token, one row per appid, shared by every replica: each replica fetching its
 * own from `/cgi-bin/token` would invalidate the others'. Encrypted like personal data: it is a credential.
 */
@Entity('wechat_tokens')
export class WechatToken {
  @PrimaryColumn({ type: 'varchar', length: 64 }) appid: string;
  @Column({ type: 'varchar', length: 1024, transformer: encryptedColumn }) accessToken: string;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
