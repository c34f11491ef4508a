import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  allowedClaimActions,
  canReopen,
  CLAIM_RULES,
  CLAIM_STATUS_LABELS,
  formatClaimNumber,
  maskMobile,
  nextClaimStatus,
  OPEN_CLAIM_STATUSES,
  shanghaiDate,
  TRANSFER_DEPARTMENTS,
  type ClaimAction,
  type ClaimActor,
  type ClaimStatus,
} from '@nuanxin/shared';
import { createHash } from 'node:crypto';
import { In, IsNull, LessThan, Repository, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { nextValue } from '../counters/counters';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { InboxService } from '../inbox/inbox.service';
import { Membership } from '../memberships/membership.entity';
import { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { FileStorage } from '../storage/storage';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { Attachment } from './attachment.entity';
import { ClaimEvent } from './claim-event.entity';
import { decodeDeadlineCursor, encodeDeadlineCursor, isDeadlineCursor } from './claim-cursor';
import { Claim, type RoutedBy } from './claim.entity';
import type { AssigneeDto, ClaimDto, ClaimPageDto, CreateClaimDto, ListClaimsQuery, ResolveDto } from './dto/claim.dto';

const PAGE_SIZE = 20;
const AWAITING: ClaimStatus[] = ['submitted', 'escalated', 'reopened'];
const WORKING: ClaimStatus[] = ['accepted', 'in_progress'];

/** What one action changes besides the status, and what the timeline says about it. */
interface Step {
  action: ClaimAction;
  actor: ClaimActor;
  actorId: string | null;
  note?: string | null;
  visibleToWorker?: boolean;
  data?: Record<string, unknown>;
  patch?: Partial<Claim>;
}

/** Image types accepted as evidence, recognised by their first bytes, never by name or declared type. */
export function sniffImage(buf: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** A label for a colleague: the nickname, else the masked mobile, never the plain number. */
function officerLabel(u: User): string {
  const nick = u.nickname?.trim();
  if (nick) return nick;
  if (u.mobile) return `工会干部 ${maskMobile(u.mobile)}`;
  return `工会干部 ${u.id.slice(0, 4)}`;
}

/** The deadline that applies in a status: first response while awaiting acceptance, mediation while worked on. */
export function applicableDeadline(status: ClaimStatus, c: Pick<Claim, 'firstResponseDueAt' | 'mediationDueAt'>): Date | null {
  if (AWAITING.includes(status)) return c.firstResponseDueAt;
  if (WORKING.includes(status)) return c.mediationDueAt;
  return null;
}

function isOverdue(c: Claim, now: Date): boolean {
  return !!c.dueAt && c.dueAt.getTime() < now.getTime();
}

/**
 * Claims (我有事办): routing to the responsible union (有人管), replies on the timeline (有回应), working-day
 * deadlines (有时限) and the worker's rating with one reopen (有评判). Every change goes through `act`, which
 * asks the shared state machine, writes the status with a compare-and-set and the timeline event in one
 * transaction.
 */
@Injectable()
export class ClaimsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Claims');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    @InjectRepository(ClaimEvent) private readonly events: Repository<ClaimEvent>,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(UserRole) private readonly roles: Repository<UserRole>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Org) private readonly orgRepo: Repository<Org>,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly inbox: InboxService,
    private readonly calendar: CalendarService,
    private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.autoClose().catch((err: Error) => this.logger.warn(`auto-close failed: ${err.message}`));
    }, 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  // ---- worker -------------------------------------------------------------------------------------------

  async create(user: AuthUser, dto: CreateClaimDto): Promise<ClaimDto> {
    const { employerOrg, district } = await this.checkOrgCodes(dto);
    const employerName = dto.employerName?.trim() || employerOrg?.name;
    if (!employerName) throw DomainError.validation([{ field: 'employerName', message: '请填写用人单位或平台名称' }]);
    const ids = [...new Set(dto.attachmentIds ?? [])];
    if (ids.length) {
      const owned = await this.attachments.findBy({ id: In(ids), ownerId: user.id, claimId: IsNull() });
      if (owned.length !== ids.length) throw DomainError.validation([{ field: 'attachmentIds', message: '照片不存在或已被使用，请重新上传' }]);
    }
    const { org, routedBy } = await this.routeOrg(user.id, employerOrg, district);
    const now = new Date();
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const id = newId();
    const year = Number(shanghaiDate(now).slice(0, 4));
    await this.tx.run(async (em) => {
      const { orgId, assigneeId } = await this.pickOfficer(em, org);
      const claim = em.create(Claim, {
        id,
        number: formatClaimNumber(year, await nextValue(em, `claim-no:${year}`)),
        workerId: user.id,
        category: dto.category,
        employerOrgId: employerOrg?.id ?? null,
        employerName,
        amountFen: dto.amountFen ?? null,
        description: dto.description.trim(),
        contactPreference: dto.contactPreference,
        status: 'submitted',
        orgId,
        assigneeId,
        tier: 0,
        routedBy,
        firstResponseDueAt: first.due,
        firstResponseAt: null,
        mediationDueAt: null,
        firstResponseEstimated: first.estimated,
        mediationEstimated: false,
        dueAt: first.due,
        department: null,
        outcome: null,
        amountRecoveredFen: null,
        outcomeSummary: null,
        ratingScore: null,
        ratingComment: null,
        reopenCount: 0,
        submittedAt: now,
        acceptedAt: null,
        resolvedAt: null,
        ratedAt: null,
        closedAt: null,
        updatedAt: now,
      });
      await em.insert(Claim, claim);
      if (ids.length) {
        const res = await em.update(Attachment, { id: In(ids), ownerId: user.id, claimId: IsNull() }, { claimId: id });
        if (res.affected !== ids.length) throw DomainError.validation([{ field: 'attachmentIds', message: '照片不存在或已被使用，请重新上传' }]);
      }
      const routedOrg = orgId === org.id ? org : await em.findOneByOrFail(Org, { id: orgId });
      await this.writeEvent(em, claim, {
        kind: 'submitted',
        actorRole: 'worker',
        actorId: user.id,
        from: 'submitted',
        to: 'submitted',
        note: `已提交，由${routedOrg.name}负责办理`,
        data: { org: routedOrg.code, routedBy },
      });
      if (assigneeId) {
        await this.inbox.send({ userId: assigneeId, kind: 'claim.assigned', title: '新的职工诉求', body: `${claim.number}：请在 1 个工作日内受理`, link: `/staff/pages/claim/index?id=${id}` }, em);
      }
    });
    return this.view(user, await this.claims.findOneByOrFail({ id }));
  }

  async mine(user: AuthUser): Promise<ClaimDto[]> {
    const list = await this.claims.find({ where: { workerId: user.id }, order: { submittedAt: 'DESC' }, take: 100 });
    return Promise.all(list.map((c) => this.view(user, c, false)));
  }

  async getOne(user: AuthUser, id: string): Promise<ClaimDto> {
    const { claim } = await this.load(user, id);
    return this.view(user, claim);
  }

  async message(user: AuthUser, id: string, text: string) {
    const claim = await this.act(user, id, { action: 'message', actor: 'worker', actorId: user.id, note: text.trim() });
    await this.tellAssignee(claim, 'claim.message', '职工补充了诉求信息', `${claim.number}：职工补充了新的情况，请查看`);
    return claim;
  }

  async withdraw(user: AuthUser, id: string, reason?: string) {
    const claim = await this.act(user, id, {
      action: 'withdraw',
      actor: 'worker',
      actorId: user.id,
      note: reason?.trim() ?? '职工撤回了诉求',
      patch: { outcome: 'withdrawn', closedAt: new Date() },
    });
    await this.tellAssignee(claim, 'claim.withdrawn', '职工撤回了诉求', `${claim.number}：职工已撤回，无需继续办理`);
    return claim;
  }

  async rate(user: AuthUser, id: string, score: number, comment?: string) {
    const now = new Date();
    return this.act(user, id, {
      action: 'rate',
      actor: 'worker',
      actorId: user.id,
      note: comment?.trim() ?? null,
      data: { score },
      patch: { ratingScore: score, ratingComment: comment?.trim() ?? null, ratedAt: now, closedAt: now },
    });
  }

  /**
   * A low score reopens the claim once: the previous result and rating leave the claim (they stay on the
   * timeline, in this event's data) so both sides see a claim awaiting acceptance again, with a fresh first
   * response deadline; the mediation deadline starts again at the next acceptance.
   */
  async reopen(user: AuthUser, id: string, reason?: string) {
    const { claim, actor } = await this.load(user, id);
    if (actor !== 'worker') throw new DomainError(403, 'FORBIDDEN');
    const now = new Date();
    if (!canReopen({ ...claim, now })) {
      throw new DomainError(409, 'CLAIM_CANNOT_REOPEN');
    }
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const previous = {
      status: claim.status,
      outcome: claim.outcome,
      department: claim.department,
      amountRecoveredFen: claim.amountRecoveredFen,
      outcomeSummary: claim.outcomeSummary,
      ratingScore: claim.ratingScore,
      ratingComment: claim.ratingComment,
      resolvedAt: claim.resolvedAt?.toISOString() ?? null,
      ratedAt: claim.ratedAt?.toISOString() ?? null,
    };
    const result = await this.act(user, id, {
      action: 'reopen',
      actor: 'worker',
      actorId: user.id,
      note: reason?.trim() ?? '职工对办理结果不满意，申请重新办理',
      data: { previous },
      patch: {
        reopenCount: claim.reopenCount + 1,
        firstResponseDueAt: first.due,
        firstResponseAt: null,
        acceptedAt: null,
        mediationDueAt: null,
        firstResponseEstimated: first.estimated,
        mediationEstimated: false,
        outcome: null,
        department: null,
        amountRecoveredFen: null,
        outcomeSummary: null,
        ratingScore: null,
        ratingComment: null,
        resolvedAt: null,
        ratedAt: null,
        closedAt: null,
      },
    });
    await this.tellSupervisors(claim, `诉求 ${claim.number} 被职工评为 ${claim.ratingScore} 分并申请重新办理`);
    return result;
  }

  // ---- officer ------------------------------------------------------------------------------------------

  /**
   * The queue, keyset-paginated. `sort=deadline` (default): the deadline that applies now, earliest first, so
   * overdue claims lead and the order does not shift as the clock moves; claims without a running deadline
   * follow, newest first. `sort=newest`: by submission, newest first. Both read `ix_claims_due` /
   * `ix_claims_submitted`.
   */
  async list(user: AuthUser, q: ListClaimsQuery, now = new Date()): Promise<ClaimPageDto> {
    const base = () => {
      const qb = this.claims.createQueryBuilder('c').innerJoin(Org, 'o', 'o.id = c.orgId');
      const scope = this.access.scopeCondition(this.access.scopePrefixes(user));
      if (scope) qb.andWhere(scope.sql, scope.params);
      if (q.status) qb.andWhere('c.status = :status', { status: q.status });
      if (q.assignee) qb.andWhere('c.assigneeId = :assignee', { assignee: q.assignee === 'me' ? user.id : q.assignee });
      // the same rule as isOverdue(): the deadline that applies now has passed
      if (q.overdue === true) qb.andWhere('c.dueAt IS NOT NULL AND c.dueAt < :now', { now });
      if (q.overdue === false) qb.andWhere('(c.dueAt IS NULL OR c.dueAt >= :now)', { now });
      return qb;
    };
    const newestFirst = (qb: ReturnType<typeof base>) => qb.addOrderBy('c.submittedAt', 'DESC').addOrderBy('c.id', 'DESC');
    const after = '(c.submittedAt < :at OR (c.submittedAt = :at AND c.id < :cid))';
    let rows: Claim[];
    if ((q.sort ?? 'deadline') === 'newest') {
      const qb = base();
      if (q.cursor) {
        if (isDeadlineCursor(q.cursor)) throw DomainError.validation([{ field: 'cursor', message: '分页游标不正确，请从第一页重新加载' }]);
        const c = decodeCursor(q.cursor);
        qb.andWhere(after, { at: c.at, cid: c.id });
      }
      rows = await newestFirst(qb).take(PAGE_SIZE + 1).getMany();
    } else {
      const cur = q.cursor ? decodeDeadlineCursor(q.cursor) : null;
      rows = [];
      if (!cur || cur.dueAt) {
        const qb = base().andWhere('c.dueAt IS NOT NULL');
        if (cur) qb.andWhere(`(c.dueAt > :due OR (c.dueAt = :due AND ${after}))`, { due: cur.dueAt, at: cur.submittedAt, cid: cur.id });
        rows = await newestFirst(qb.orderBy('c.dueAt', 'ASC')).take(PAGE_SIZE + 1).getMany();
      }
      if (rows.length <= PAGE_SIZE) {
        const qb = base().andWhere('c.dueAt IS NULL');
        if (cur && !cur.dueAt) qb.andWhere(after, { at: cur.submittedAt, cid: cur.id });
        rows.push(...(await newestFirst(qb).take(PAGE_SIZE + 1 - rows.length).getMany()));
      }
    }
    const page = rows.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: await Promise.all(page.map((c) => this.view(user, c, false))),
      nextCursor: rows.length > PAGE_SIZE ? ((q.sort ?? 'deadline') === 'newest' ? encodeCursor(last) : encodeDeadlineCursor(last)) : null,
    };
  }

  async accept(user: AuthUser, id: string) {
    const { claim, org } = await this.load(user, id);
    const now = new Date();
    const mediation = this.calendar.addWorkingDays(now, org.mediationWorkdays ?? CLAIM_RULES.mediationWorkdays);
    return this.act(user, id, {
      action: 'accept',
      actor: 'officer',
      actorId: user.id,
      note: `${org.name}已受理，将在 ${org.mediationWorkdays ?? CLAIM_RULES.mediationWorkdays} 个工作日内完成调解`,
      patch: {
        acceptedAt: now,
        firstResponseAt: claim.firstResponseAt ?? now,
        mediationDueAt: mediation.due,
        mediationEstimated: mediation.estimated,
        assigneeId: claim.assigneeId ?? user.id,
      },
    });
  }

  /**
   * The people `assign` accepts: officers of the org that owns the claim now, with their open workload. Only an
   * officer in scope of that org sees them (anyone else: 404); names are nicknames or masked mobiles.
   */
  async assignees(user: AuthUser, id: string): Promise<AssigneeDto[]> {
    const claim = await this.claims.findOneBy({ id });
    const org = claim ? await this.orgs.findById(claim.orgId) : null;
    if (!claim || !org || !this.access.canActOnOrg(user, org)) throw DomainError.notFound();
    const userIds = [...new Set((await this.roles.findBy({ orgId: org.id, role: 'officer' })).map((g) => g.userId))];
    if (!userIds.length) return [];
    const users = await this.users.findBy({ id: In(userIds) });
    const counts = await this.claims
      .createQueryBuilder('c')
      .select('c.assigneeId', 'assigneeId')
      .addSelect('COUNT(*)', 'n')
      .where('c.assigneeId IN (:...userIds)', { userIds })
      .andWhere('c.status IN (:...open)', { open: OPEN_CLAIM_STATUSES })
      .groupBy('c.assigneeId')
      .getRawMany<{ assigneeId: string; n: string | number }>();
    const open = new Map(counts.map((r) => [r.assigneeId, Number(r.n)]));
    return users
      .map((u) => ({ id: u.id, displayName: officerLabel(u), openClaims: open.get(u.id) ?? 0 }))
      .sort((a, b) => a.openClaims - b.openClaims || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  }

  async reply(user: AuthUser, id: string, text: string) {
    return this.act(user, id, { action: 'reply', actor: 'officer', actorId: user.id, note: text.trim() });
  }

  async note(user: AuthUser, id: string, text: string) {
    return this.act(user, id, { action: 'note', actor: 'officer', actorId: user.id, note: text.trim(), visibleToWorker: false });
  }

  async assign(user: AuthUser, id: string, assigneeId: string) {
    const { claim } = await this.load(user, id);
    const grant = await this.roles.findOneBy({ userId: assigneeId, role: 'officer', orgId: claim.orgId });
    const assignee = grant ? await this.users.findOneBy({ id: assigneeId }) : null;
    if (!grant || !assignee) throw DomainError.validation([{ field: 'assigneeId', message: '承办人必须是负责该诉求的工会的干部' }]);
    // Internal event: the timeline names the assignee with the same label as the assignee list, never a plain mobile.
    const note = `指定承办人：${officerLabel(assignee)}`;
    const result = await this.act(user, id, { action: 'assign', actor: 'officer', actorId: user.id, visibleToWorker: false, note, data: { assigneeId }, patch: { assigneeId } });
    await this.inbox.send({ userId: assigneeId, kind: 'claim.assigned', title: '新的职工诉求', body: `${claim.number} 已指定由您承办`, link: `/staff/pages/claim/index?id=${id}` });
    return result;
  }

  /** Up the tree (代访代办): the parent org owns it now and must accept it within a working day. */
  async escalate(user: AuthUser, id: string, note: string) {
    const { claim, org } = await this.load(user, id);
    const parent = org.parentId ? await this.orgs.findById(org.parentId) : null;
    if (!parent) throw new DomainError(409, 'CLAIM_NO_PARENT_ORG');
    const first = this.calendar.addWorkingDays(new Date(), CLAIM_RULES.firstResponseWorkdays);
    const { orgId, assigneeId } = await this.tx.run((em) => this.pickOfficer(em, parent));
    const target = orgId === parent.id ? parent : await this.orgs.findById(orgId);
    const result = await this.act(user, id, {
      action: 'escalate',
      actor: 'officer',
      actorId: user.id,
      note: `已上报${target!.name}：${note.trim()}`,
      data: { fromOrg: org.code, toOrg: target!.code },
      patch: { orgId: target!.id, assigneeId, tier: claim.tier + 1, firstResponseDueAt: first.due, firstResponseAt: null, mediationDueAt: null, firstResponseEstimated: first.estimated, mediationEstimated: false },
    });
    if (assigneeId) await this.inbox.send({ userId: assigneeId, kind: 'claim.escalated', title: '下级工会上报的诉求', body: `${claim.number}：请在 1 个工作日内受理`, link: `/staff/pages/claim/index?id=${id}` });
    return result;
  }

  async transfer(user: AuthUser, id: string, department: string, note: string) {
    const label = TRANSFER_DEPARTMENTS.find((d) => d.code === department)?.label ?? department;
    return this.act(user, id, {
      action: 'transfer',
      actor: 'officer',
      actorId: user.id,
      note: `已转交${label}：${note.trim()}`,
      data: { department },
      patch: { department: department as Claim['department'], outcome: 'referred', resolvedAt: new Date() },
    });
  }

  async resolve(user: AuthUser, id: string, dto: ResolveDto) {
    return this.act(user, id, {
      action: 'resolve',
      actor: 'officer',
      actorId: user.id,
      note: dto.summary.trim(),
      data: { outcome: dto.outcome, amountRecoveredFen: dto.amountRecoveredFen ?? null },
      patch: { outcome: dto.outcome, amountRecoveredFen: dto.amountRecoveredFen ?? null, outcomeSummary: dto.summary.trim(), resolvedAt: new Date() },
    });
  }

  /** Resolved or transferred claims not rated within 7 days close by themselves. */
  async autoClose(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - CLAIM_RULES.ratingWindowDays * 86400_000);
    const due = await this.claims.find({ where: [{ status: 'resolved', resolvedAt: LessThan(cutoff) }, { status: 'transferred', resolvedAt: LessThan(cutoff) }] });
    let closed = 0;
    for (const claim of due) {
      const ok = await this.tx.run((em) => this.transition(em, claim, { action: 'auto_close', actor: 'system', actorId: null, note: '7 天内未评价，自动关闭', patch: { closedAt: now } }));
      if (ok) closed++;
    }
    return closed;
  }

  // ---- attachments --------------------------------------------------------------------------------------

  async upload(user: AuthUser, files: Array<{ filename: string; body: Buffer }>): Promise<Attachment[]> {
    if (!files.length) throw DomainError.validation([{ field: 'file', message: '请选择要上传的照片' }]);
    if (files.length > CLAIM_RULES.photosMax) throw DomainError.validation([{ field: 'file', message: `一次最多上传 ${CLAIM_RULES.photosMax} 张照片` }]);
    const checked = files.map((f, i) => {
      const mime = sniffImage(f.body);
      if (!mime) throw DomainError.validation([{ field: `file[${i}]`, message: '只能上传 JPEG、PNG 或 WebP 照片' }]);
      return { ...f, mime };
    });
    const saved: Attachment[] = [];
    for (const f of checked) {
      const id = newId();
      const ext = f.mime.split('/')[1];
      const key = `claims/${id.slice(0, 2)}/${id}.${ext}`;
      await this.storage.put(key, f.body);
      const row = this.attachments.create({
        id,
        ownerId: user.id,
        claimId: null,
        mime: f.mime,
        size: f.body.length,
        sha256: createHash('sha256').update(f.body).digest('hex'),
        storageKey: key,
        createdAt: new Date(),
      });
      await this.attachments.insert(row);
      saved.push(row);
    }
    return saved;
  }

  /** The uploader, or an officer in scope of the claim it is attached to; everyone else: 404. */
  async readAttachment(user: AuthUser, id: string): Promise<{ body: Buffer; mime: string }> {
    const a = await this.attachments.findOneBy({ id });
    if (!a) throw DomainError.notFound();
    if (a.ownerId !== user.id) {
      const claim = a.claimId ? await this.claims.findOneBy({ id: a.claimId }) : null;
      const org = claim ? await this.orgs.findById(claim.orgId) : null;
      if (!org || !this.access.canActOnOrg(user, org)) throw DomainError.notFound();
    }
    return { body: await this.storage.get(a.storageKey), mime: a.mime };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** The worker, or an officer whose subtree holds the org that owns the claim now; anyone else gets 404. */
  private async load(user: AuthUser, id: string): Promise<{ claim: Claim; org: Org; actor: ClaimActor }> {
    const claim = await this.claims.findOneBy({ id });
    if (!claim) throw DomainError.notFound();
    const org = await this.orgs.findById(claim.orgId);
    if (!org) throw DomainError.notFound();
    if (claim.workerId === user.id) return { claim, org, actor: 'worker' };
    if (this.access.canActOnOrg(user, org)) return { claim, org, actor: 'officer' };
    throw DomainError.notFound();
  }

  private async act(user: AuthUser, id: string, step: Step): Promise<ClaimDto> {
    const { claim, actor } = await this.load(user, id);
    if (actor !== step.actor) throw new DomainError(403, 'FORBIDDEN');
    const ok = await this.tx.run((em) => this.transition(em, claim, step));
    if (!ok) throw new DomainError(409, 'CLAIM_STATE_CHANGED');
    const updated = await this.claims.findOneByOrFail({ id });
    if (step.actor === 'officer' && (step.visibleToWorker ?? true)) {
      await this.inbox.send({
        userId: updated.workerId,
        kind: `claim.${step.action}`,
        title: `诉求 ${updated.number}：${CLAIM_STATUS_LABELS[updated.status]}`,
        body: step.note ?? CLAIM_STATUS_LABELS[updated.status],
        link: `/pages/claims/detail?id=${id}`,
      });
    }
    return this.view(user, updated);
  }

  /**
   * Asks the state machine, then compare-and-sets the status so two concurrent actions cannot both apply;
   * returns false when the claim moved underneath (the caller answers 409).
   */
  private async transition(em: EntityManager, claim: Claim, step: Step): Promise<boolean> {
    const next = nextClaimStatus(claim.status, step.action, step.actor);
    if (!next) {
      throw new DomainError(409, 'CLAIM_ACTION_NOT_ALLOWED', `当前状态「${CLAIM_STATUS_LABELS[claim.status]}」下不能执行此操作`);
    }
    const after = { ...claim, ...step.patch };
    const dueAt = applicableDeadline(next, after);
    const res = await em.update(Claim, { id: claim.id, status: claim.status, updatedAt: claim.updatedAt }, { ...step.patch, status: next, dueAt, updatedAt: new Date() });
    if (!res.affected) return false;
    await this.writeEvent(em, claim, {
      kind: step.action,
      actorRole: step.actor,
      actorId: step.actorId,
      from: claim.status,
      to: next,
      note: step.note ?? null,
      visibleToWorker: step.visibleToWorker ?? true,
      data: step.data,
    });
    return true;
  }

  private async writeEvent(
    em: EntityManager,
    claim: Claim,
    e: { kind: string; actorRole: ClaimActor; actorId: string | null; from: ClaimStatus; to: ClaimStatus; note?: string | null; visibleToWorker?: boolean; data?: Record<string, unknown> },
  ): Promise<void> {
    const seq = (await em.count(ClaimEvent, { where: { claimId: claim.id } })) + 1;
    await em.insert(ClaimEvent, {
      id: newId(),
      claimId: claim.id,
      at: new Date(),
      seq,
      actorId: e.actorId,
      actorRole: e.actorRole,
      kind: e.kind,
      note: e.note ?? null,
      visibleToWorker: e.visibleToWorker ?? true,
      fromStatus: e.from,
      toStatus: e.to,
      data: e.data ? JSON.stringify(e.data) : null,
    });
  }

  /**
   * The org codes a worker may name: an employer union must be an active enterprise-level (platform or company
   * branch) union, not a district catch-all or the mediation centre; a district must be a district federation.
   * Unknown or unsuitable codes are field errors, all reported at once.
   */
  private async checkOrgCodes(dto: CreateClaimDto): Promise<{ employerOrg: Org | null; district: Org | null }> {
    const errors: Array<{ field: string; message: string }> = [];
    let employerOrg: Org | null = null;
    let district: Org | null = null;
    if (dto.employerOrgCode) {
      employerOrg = await this.orgs.findByCode(dto.employerOrgCode);
      if (!employerOrg) errors.push({ field: 'employerOrgCode', message: '找不到该单位工会，请从列表中选择；单位没有工会可以不选' });
      else if (employerOrg.level !== 'enterprise' || employerOrg.catchAll || employerOrg.isMediationCentre) {
        errors.push({ field: 'employerOrgCode', message: '请选择企业或平台的工会；单位没有工会可以不选，改选所在的区' });
      } else if (!employerOrg.active) errors.push({ field: 'employerOrgCode', message: '该单位工会已停用，请不选单位工会，改选所在的区' });
    }
    if (dto.districtCode) {
      district = await this.orgs.findByCode(dto.districtCode);
      if (!district) errors.push({ field: 'districtCode', message: '找不到该区总工会，请从列表中选择所在的区' });
      else if (district.level !== 'district' || district.isMediationCentre) errors.push({ field: 'districtCode', message: '请选择一个区总工会' });
    }
    if (errors.length) throw DomainError.validation(errors);
    return { employerOrg, district };
  }

  /** 有人管: the worker's membership org, else the employer org picked, else the district's catch-all union. */
  private async routeOrg(workerId: string, employerOrg: Org | null, district: Org | null): Promise<{ org: Org; routedBy: RoutedBy }> {
    const membership = await this.memberships.findOneBy({ userId: workerId, status: 'active' });
    if (membership) {
      const org = await this.orgs.findById(membership.orgId);
      if (org?.active) return { org, routedBy: 'membership' };
    }
    if (employerOrg) return { org: employerOrg, routedBy: 'employer' };
    if (!district) throw DomainError.validation([{ field: 'districtCode', message: '您还不是会员且单位未建工会，请选择您所在的区' }]);
    const catchAll = await this.orgRepo.findOneBy({ parentId: district.id, catchAll: true, active: true });
    return { org: catchAll ?? district, routedBy: 'district' };
  }

  /** The officer of the org with the fewest open claims; an org without officers hands over to its parent. */
  private async pickOfficer(em: EntityManager, start: Org): Promise<{ orgId: string; assigneeId: string | null }> {
    let org: Org | null = start;
    while (org) {
      const officers = (await em.find(UserRole, { where: { orgId: org.id, role: 'officer' } })).map((r) => r.userId).sort();
      if (officers.length) {
        const counts = await em
          .createQueryBuilder(Claim, 'c')
          .select('c.assigneeId', 'assigneeId')
          .addSelect('COUNT(*)', 'n')
          .where('c.assigneeId IN (:...officers)', { officers })
          .andWhere('c.status IN (:...open)', { open: OPEN_CLAIM_STATUSES })
          .groupBy('c.assigneeId')
          .getRawMany<{ assigneeId: string; n: string | number }>();
        const load = new Map(counts.map((r) => [r.assigneeId, Number(r.n)]));
        const assigneeId = officers.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), officers[0]);
        return { orgId: org.id, assigneeId };
      }
      org = org.parentId ? await em.findOneBy(Org, { id: org.parentId }) : null;
    }
    return { orgId: start.id, assigneeId: null };
  }


  /** The officer handling the claim hears what the worker did (an idempotent replay does not run this again). */
  private async tellAssignee(claim: { id: string }, kind: string, title: string, body: string): Promise<void> {
    // The worker's view hides who handles the claim: read it from the row.
    const row = await this.claims.findOneBy({ id: claim.id });
    if (!row?.assigneeId) return;
    await this.inbox.send({ userId: row.assigneeId, kind, title, body, link: `/staff/pages/claim/index?id=${claim.id}` });
  }

  /** Officers of the parent org of the claim's org (the supervisors), told through the inbox. */
  private async tellSupervisors(claim: Claim, body: string): Promise<void> {
    const org = await this.orgs.findById(claim.orgId);
    const supervisorOrgId = org?.parentId ?? org?.id;
    const grants = supervisorOrgId ? await this.roles.findBy({ orgId: supervisorOrgId, role: 'officer' }) : [];
    const to = new Set([...grants.map((g) => g.userId), ...(claim.assigneeId ? [claim.assigneeId] : [])]);
    for (const userId of to) await this.inbox.send({ userId, kind: 'claim.reopened', title: '诉求被重新打开', body, link: `/staff/pages/claim/index?id=${claim.id}` });
  }

  private async view(user: AuthUser, c: Claim, withTimeline = true): Promise<ClaimDto> {
    const isWorker = c.workerId === user.id;
    const orgIds = [c.orgId, ...(c.employerOrgId ? [c.employerOrgId] : [])];
    const orgs = await this.orgRepo.findBy({ id: In(orgIds) });
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const ref = (id: string | null) => (id && byId.get(id) ? { code: byId.get(id)!.code, name: byId.get(id)!.name } : null);
    const events = withTimeline
      ? await this.events.find({ where: isWorker ? { claimId: c.id, visibleToWorker: true } : { claimId: c.id }, order: { seq: 'ASC' } })
      : [];
    const attachments = await this.attachments.find({ where: { claimId: c.id }, select: { id: true } });
    const now = new Date();
    return {
      id: c.id,
      number: c.number,
      category: c.category,
      employerName: c.employerName,
      employerOrg: ref(c.employerOrgId),
      amountFen: c.amountFen,
      description: c.description,
      contactPreference: c.contactPreference,
      status: c.status,
      org: ref(c.orgId)!,
      assigneeId: isWorker ? null : c.assigneeId,
      tier: c.tier,
      routedBy: c.routedBy,
      firstResponseDueAt: c.firstResponseDueAt,
      firstResponseAt: c.firstResponseAt,
      mediationDueAt: c.mediationDueAt,
      dueAt: c.dueAt,
      firstResponseEstimated: c.firstResponseEstimated,
      mediationEstimated: c.mediationEstimated,
      deadlineEstimated: c.firstResponseEstimated || (!!c.mediationDueAt && c.mediationEstimated),
      overdue: isOverdue(c, now),
      department: c.department,
      outcome: c.outcome,
      amountRecoveredFen: c.amountRecoveredFen,
      outcomeSummary: c.outcomeSummary,
      ratingScore: c.ratingScore,
      ratingComment: c.ratingComment,
      reopenCount: c.reopenCount,
      canReopen: isWorker && canReopen({ ...c, now }),
      actions: allowedClaimActions(c.status, isWorker ? 'worker' : 'officer').filter((a) => a !== 'reopen' || (isWorker && canReopen({ ...c, now }))),
      attachmentIds: attachments.map((a) => a.id),
      submittedAt: c.submittedAt,
      resolvedAt: c.resolvedAt,
      closedAt: c.closedAt,
      timeline: events.map((e) => ({
        id: e.id,
        at: e.at,
        actorRole: e.actorRole,
        kind: e.kind,
        note: e.note,
        visibleToWorker: e.visibleToWorker,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
      })),
    };
  }
}


