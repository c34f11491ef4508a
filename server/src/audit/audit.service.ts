import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AUDIT_ACTION_LABELS, maskMobile, normalizeMobile, ROLES, type AuditAction, type Role } from '@nuanxin/shared';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { OrgsService } from '../orgs/orgs.service';
import { piiHash } from '../pii/pii-cipher';
import { UsersService } from '../users/users.service';
import { AuditEntry } from './audit-entry.entity';
import type { AuditEntryDto, AuditPageDto, AuditQuery } from './dto/audit.dto';

export interface AuditRecord {
  /** The signed-in caller, or null for the system (bootstrap command, an invitation attaching at login). */
  actor: AuthUser | null;
  action: AuditAction;
  /** Whose personal data: their user id and/or normalised mobile (hashed and masked here, never stored in clear). */
  subject?: { userId?: string | null; mobile?: string | null; masked?: string | null };
  object?: { type: string; id: string };
  orgId?: string | null;
  detail?: Record<string, unknown>;
  /** The request the action happened in; defaults to the actor's (the guard sets it). Pass it for `actor: null` records made inside a request. */
  requestId?: string | null;
}

/** Highest first: the grant an action is attributed to when the actor holds several. */
const RANK: Role[] = [...ROLES].reverse();

/**
 * The audit log. `record` is called inside the caller's transaction, so the line exists exactly when the action
 * does. There is no update and no delete besides the retention purge.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly orgs: OrgsService,
  ) {}

  async record(em: EntityManager, r: AuditRecord): Promise<void> {
    const grant = r.actor ? [...r.actor.grants].sort((a, b) => RANK.indexOf(a.role) - RANK.indexOf(b.role))[0] : undefined;
    const mobile = r.subject?.mobile ? normalizeMobile(r.subject.mobile) : null;
    const detail = r.detail ? JSON.stringify(r.detail) : null;
    await em.insert(AuditEntry, {
      id: newId(),
      at: new Date(),
      actorId: r.actor?.id ?? null,
      actorRole: grant?.role ?? null,
      actorOrgId: grant?.orgId ?? null,
      action: r.action,
      subjectUserId: r.subject?.userId ?? null,
      subjectHash: mobile ? piiHash(mobile) : null,
      subjectMasked: (r.subject?.masked ?? (mobile ? maskMobile(mobile) : null))?.slice(0, 64) ?? null,
      objectType: r.object?.type ?? null,
      objectId: r.object?.id ?? null,
      orgId: r.orgId ?? null,
      requestId: (r.requestId ?? r.actor?.requestId)?.slice(0, 64) ?? null,
      detail: detail && detail.length > 1000 ? '{"truncated":true}' : detail,
    });
  }

  /** Newest first, keyset-paged by (at, id); every filter optional. */
  async list(q: AuditQuery): Promise<AuditPageDto> {
    const limit = q.limit ?? 50;
    const qb = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(limit + 1);
    if (q.actorId) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.actorMobile) {
      // The staff page asks by mobile; someone who never signed in has acted on nothing.
      const actor = await this.users.findByLogin({ mobileHash: piiHash(normalizeMobile(q.actorMobile)) });
      if (!actor) return { items: [], nextCursor: null };
      qb.andWhere('a.actorId = :actorMobileId', { actorMobileId: actor.id });
    }
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.subjectUserId) qb.andWhere('a.subjectUserId = :subjectUserId', { subjectUserId: q.subjectUserId });
    if (q.subjectMobile) qb.andWhere('a.subjectHash = :subjectHash', { subjectHash: piiHash(normalizeMobile(q.subjectMobile)) });
    if (q.from) qb.andWhere('a.at >= :from', { from: new Date(q.from) });
    if (q.to) qb.andWhere('a.at < :to', { to: new Date(q.to) });
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      qb.andWhere('(a.at < :cAt OR (a.at = :cAt AND a.id < :cId))', { cAt: c.at, cId: c.id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const actors = new Map((await this.users.findByIds(page.map((e) => e.actorId).filter((x): x is string => !!x))).map((u) => [u.id, u]));
    const orgs = new Map((await this.orgs.findByIds(page.flatMap((e) => [e.orgId, e.actorOrgId]).filter((x): x is string => !!x))).map((o) => [o.id, o]));
    const items: AuditEntryDto[] = page.map((e) => {
      const actor = e.actorId ? actors.get(e.actorId) : undefined;
      return {
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        actionLabel: AUDIT_ACTION_LABELS[e.action] ?? e.action,
        actor: e.actorId
          ? {
              id: e.actorId,
              role: e.actorRole,
              orgName: e.actorOrgId ? (orgs.get(e.actorOrgId)?.name ?? null) : null,
              nickname: actor?.nickname ?? null,
              mobileMasked: actor?.mobile ? maskMobile(actor.mobile) : null,
            }
          : null,
        subject: { userId: e.subjectUserId, masked: e.subjectMasked },
        object: e.objectType ? { type: e.objectType, id: e.objectId } : null,
        org: e.orgId ? { id: e.orgId, code: orgs.get(e.orgId)?.code ?? null, name: orgs.get(e.orgId)?.name ?? null } : null,
        requestId: e.requestId,
        detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ submittedAt: last.at, id: last.id }) : null };
  }

  /** Lines older than AUDIT_RETENTION_DAYS go (the retention job, once per slot across replicas). */
  async purgeExpired(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.AUDIT_RETENTION_DAYS * 86_400_000);
    return (await this.entries.delete({ at: LessThan(cutoff) })).affected ?? 0;
  }
}
