import type { AuditAction } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * One line of the audit log (PIPL: who processed whose personal information, when, how). Append-only: the
 * application inserts rows and the retention job deletes whole old ones; nothing updates them.
 */
@Entity('audit_log')
@Index('ix_audit_at', ['at', 'id'])
@Index('ix_audit_actor_at', ['actorId', 'at'])
@Index('ix_audit_action_at', ['action', 'at'])
@Index('ix_audit_subject_user_at', ['subjectUserId', 'at'])
@Index('ix_audit_subject_hash_at', ['subjectHash', 'at'])
export class AuditEntry {
  @IdColumn() id: string;

  @DateTimeColumn() at: Date;

  /** Who acted (NULL: the system, e.g. the bootstrap command or an invitation attaching at login). */
  @RefColumn(true) actorId: string | null;

  /** The actor's role and org for this action (their highest staff grant), as held at the time. */
  @Column({ type: 'varchar', length: 20, nullable: true, default: null })
  actorRole: string | null;

  @RefColumn(true) actorOrgId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  /** Whose record: the person's user id when they have one, and the HMAC of their mobile when known. */
  @RefColumn(true) subjectUserId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  subjectHash: string | null;

  /** The person as staff may see them: masked mobile and/or masked name, never the full value. */
  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  subjectMasked: string | null;

  /** The object acted on, e.g. `membership_application` + its id, `user_role` + the grant id. */
  @Column({ type: 'varchar', length: 32, nullable: true, default: null })
  objectType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  objectId: string | null;

  /** The org the action concerns (a grant's org, the application's org). */
  @RefColumn(true) orgId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true, default: null })
  requestId: string | null;

  /** Small JSON with what else matters (the role granted, the rows imported); never personal data in clear. */
  @Column({ type: 'varchar', length: 1000, nullable: true, default: null })
  detail: string | null;
}
