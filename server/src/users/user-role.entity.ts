import type { Role } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** One role grant. Officers are bound to an org; station masters and merchants to a station or merchant (scopeRef). */
@Entity('user_roles')
export class UserRole {
  @IdColumn() id: string;

  @Index('ix_user_roles_user')
  @RefColumn() userId: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Index('ix_user_roles_org')
  @RefColumn(true) orgId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  scopeRef: string | null;

  @DateTimeColumn() createdAt: Date;
}
