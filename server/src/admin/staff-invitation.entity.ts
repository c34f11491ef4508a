import type { Role } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * A role granted to a mobile number whose owner has not signed in by SMS yet. It becomes a `user_roles` row at
 * that person's next SMS login (and the row here goes). Only the mobile's HMAC and its masked form are kept.
 */
@Entity('staff_invitations')
@Index('uq_staff_invitations_grant', ['mobileHash', 'grantKey'], { unique: true })
export class StaffInvitation {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 64 })
  mobileHash: string;

  @Column({ type: 'varchar', length: 16 })
  mobileMasked: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** The org the grant is bound to (for a station master: the station's org). */
  @Index('ix_staff_invitations_org')
  @RefColumn() orgId: string;

  /** The station (station master) or merchant (merchant) the grant names; NULL for officer and admin. */
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  scopeRef: string | null;

  /** `role|orgId|scopeRef`: one invitation per grant and mobile. */
  @Column({ type: 'varchar', length: 140 })
  grantKey: string;

  /** Who invited (NULL: the bootstrap command). */
  @RefColumn(true) invitedBy: string | null;

  @DateTimeColumn() createdAt: Date;
}
