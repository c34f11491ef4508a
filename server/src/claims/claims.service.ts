import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  canReopen,
  CLAIM_RULES,
  CLAIM_STATUS_LABELS,
  formatClaimNumber,
  nextClaimStatus,
  shanghaiDate,
  TRANSFER_DEPARTMENTS,
  type ClaimAction,
  type ClaimActor,
  type ClaimStatus,
  type NoticeKind,
  type NoticeParams,
} from '@nuanxin/shared';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { nextValue } from '../counters/counters';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService, type PendingNotice } from '../notifications/notifications.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { UsersService } from '../users/users.service';
import { ClaimAttachments } from './claim-attachments.service';
import { ClaimEvent } from './claim-event.entity';
import { ClaimRouting } from './claim-routing.service';
import { applicableDeadline, ClaimViews } from './claim-views';
import { Claim } from './claim.entity';
import type { AssigneeDto, ClaimDto, CreateClaimDto, ResolveDto } from './dto/claim.dto';

/** What one action changes besides the status, and what the timeline says about it. */
interface Step {
  action: ClaimAction;
  actor: ClaimActor;
  actorId: string | null;
  note?: string | null;
  visibleToWorker?: boolean;
  data?: Record<string, unknown>;
  patch?: Partial<Claim>;
  /** Who else hears of it (the worker hears of every officer step they can see without asking). */
  tell?: PendingNotice[];
}

/** The officer steps a worker is told about, each with its catalogue kind. */
const WORKER_NOTICES: Partial<Record<ClaimAction, NoticeKind>> = {
  accept: 'claim.accept',
  reply: 'claim.reply',
  escalate: 'claim.escalate',
  transfer: 'claim.transfer',
  resolve: 'claim.resolve',
};

/**
 * Claims (我有事办): the worker's and officers' actions. Every change goes through `act`/`transition`, which asks
 * the shared state machine, compare-and-sets the status, writes the timeline event and sends the notices, all
 * in one transaction. Routing (`ClaimRouting`), the queue (`ClaimQueue`), photos (`ClaimAttachments`) and views
 * (`ClaimViews`) live beside it.
 */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    private readonly routing: ClaimRouting,
    private readonly views: ClaimViews,
    private readonly attachments: ClaimAttachments,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
  ) {}

  // ---- worker -------------------------------------------------------------------------------------------

  async create(user: AuthUser, dto: CreateClaimDto): Promise<ClaimDto> {
    const { employerOrg, district } = await this.routing.checkOrgCodes(dto);
    const employerName = dto.employerName?.trim() || employerOrg?.name;
    if (!employerName) throw DomainError.validation([{ field: 'employerName', message: '请填写用人单位或平台名称' }]);
    const photoIds = [...new Set(dto.attachmentIds ?? [])];
    await this.attachments.checkUnattached(user.id, photoIds);
    const routed = await this.routing.routeOrg(user.id, employerOrg, district);
    const { org, assigneeId } = await this.routing.pickOfficer(routed.org);
    const now = new Date();
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const id = newId();
    const year = Number(shanghaiDate(now).slice(0, 4));
    await this.tx.run(async (em) => {
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
        orgId: org.id,
        assigneeId,
        tier: 0,
        routedBy: routed.routedBy,
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
      await this.attachments.attach(em, user.id, photoIds, id);
      const eventId = await this.writeEvent(em, claim, {
        kind: 'submitted',
        actorRole: 'worker',
        actorId: user.id,
        from: 'submitted',
        to: 'submitted',
        note: `已提交，由${org.name}负责办理`,
        data: { org: org.code, routedBy: routed.routedBy },
      });
      await this.notifications.pending('claim.assigned', [assigneeId], { claimId: id, number: claim.number, by: 'routing' })(em, eventId);
    });
    return this.views.one(user, await this.claims.findOneByOrFail({ id }));
  }

  async mine(user: AuthUser): Promise<ClaimDto[]> {
    const list = await this.claims.find({ where: { workerId: user.id }, order: { submittedAt: 'DESC' }, take: 100 });
    return this.views.page(user, list);
  }

  async getOne(user: AuthUser, id: string): Promise<ClaimDto> {
    const { claim } = await this.load(user, id);
    return this.views.one(user, claim);
  }

  async message(user: AuthUser, id: string, text: string) {
    return this.act(user, id, { action: 'message', actor: 'worker', actorId: user.id, note: text.trim() }, (c) => [this.notifications.pending('claim.message', [c.assigneeId], ref(c))]);
  }

  async withdraw(user: AuthUser, id: string, reason?: string) {
    return this.act(
      user,
      id,
      { action: 'withdraw', actor: 'worker', actorId: user.id, note: reason?.trim() ?? '职工撤回了诉求', patch: { outcome: 'withdrawn', closedAt: new Date() } },
      (c) => [this.notifications.pending('claim.withdrawn', [c.assigneeId], ref(c))],
    );
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
   * response deadline; the mediation deadline starts again at the next acceptance. The assignee and the
   * officers of the parent org (the supervisors) are told.
   */
  async reopen(user: AuthUser, id: string, reason?: string) {
    const { claim, org, actor } = await this.load(user, id);
    if (actor !== 'worker') throw new DomainError(403, 'FORBIDDEN');
    const now = new Date();
    if (!canReopen({ ...claim, now })) throw new DomainError(409, 'CLAIM_CANNOT_REOPEN');
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
    const supervisors = await this.users.officersOf(org.parentId ?? org.id);
    return this.act(
      user,
      id,
      {
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
      },
      (c) => [this.notifications.pending('claim.reopened', [...supervisors, c.assigneeId], { ...ref(c), score: c.ratingScore })],
    );
  }

  // ---- officer ------------------------------------------------------------------------------------------

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
    const { org, actor } = await this.load(user, id);
    if (actor !== 'officer') throw DomainError.notFound();
    return this.routing.assignees(org);
  }

  async reply(user: AuthUser, id: string, text: string) {
    return this.act(user, id, { action: 'reply', actor: 'officer', actorId: user.id, note: text.trim() });
  }

  async note(user: AuthUser, id: string, text: string) {
    return this.act(user, id, { action: 'note', actor: 'officer', actorId: user.id, note: text.trim(), visibleToWorker: false });
  }

  async assign(user: AuthUser, id: string, assigneeId: string) {
    const { org } = await this.load(user, id);
    const assignee = await this.routing.assigneeOf(org, assigneeId);
    if (!assignee) throw DomainError.validation([{ field: 'assigneeId', message: '承办人必须是负责该诉求的工会的干部' }]);
    // Internal event: the timeline names the assignee with the same label as the assignee list, never a plain mobile.
    return this.act(
      user,
      id,
      { action: 'assign', actor: 'officer', actorId: user.id, visibleToWorker: false, note: `指定承办人：${assignee.label}`, data: { assigneeId }, patch: { assigneeId } },
      (c) => [this.notifications.pending('claim.assigned', [assigneeId], { ...ref(c), by: 'officer' })],
    );
  }

  /** Up the tree (代访代办): the parent org owns it now and must accept it within a working day. */
  async escalate(user: AuthUser, id: string, note: string) {
    const { claim, org } = await this.load(user, id);
    const parent = org.parentId ? await this.orgs.findById(org.parentId) : null;
    if (!parent) throw new DomainError(409, 'CLAIM_NO_PARENT_ORG');
    const first = this.calendar.addWorkingDays(new Date(), CLAIM_RULES.firstResponseWorkdays);
    const { org: target, assigneeId } = await this.routing.pickOfficer(parent);
    return this.act(
      user,
      id,
      {
        action: 'escalate',
        actor: 'officer',
        actorId: user.id,
        note: `已上报${target.name}：${note.trim()}`,
        data: { fromOrg: org.code, toOrg: target.code },
        patch: { orgId: target.id, assigneeId, tier: claim.tier + 1, firstResponseDueAt: first.due, firstResponseAt: null, mediationDueAt: null, firstResponseEstimated: first.estimated, mediationEstimated: false },
      },
      (c) => [this.notifications.pending('claim.escalated', [assigneeId], ref(c))],
    );
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

  /**
   * Resolved or transferred claims not rated within 7 days close by themselves. Run by the jobs room; each close
   * is a guarded state change, so however many replicas run it at once, each claim closes once.
   */
  async autoClose(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - CLAIM_RULES.ratingWindowDays * 86400_000);
    const due = await this.claims.find({ where: [{ status: 'resolved', resolvedAt: LessThan(cutoff) }, { status: 'transferred', resolvedAt: LessThan(cutoff) }], take: 500 });
    let closed = 0;
    for (const claim of due) {
      const ok = await this.tx.run((em) => this.transition(em, claim, { action: 'auto_close', actor: 'system', actorId: null, note: '7 天内未评价，自动关闭', patch: { closedAt: now } }));
      if (ok) closed++;
    }
    return closed;
  }

  // ---- attachments --------------------------------------------------------------------------------------

  upload(user: AuthUser, files: Array<{ filename: string; body: Buffer }>) {
    return this.attachments.upload(user.id, files);
  }

  /** The uploader, or an officer in scope of the claim it is attached to; everyone else: 404. */
  readAttachment(user: AuthUser, id: string): Promise<{ body: Buffer; mime: string }> {
    return this.attachments.read(user.id, id, async (claimId) => {
      const claim = await this.claims.findOneBy({ id: claimId });
      const org = claim ? await this.orgs.findById(claim.orgId) : null;
      return !!org && this.access.canActOnOrg(user, org);
    });
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

  /** `notices` names who else hears of the step, given the claim as it was loaded (before the step). */
  private async act(user: AuthUser, id: string, step: Step, notices?: (claim: Claim) => PendingNotice[]): Promise<ClaimDto> {
    const { claim, actor } = await this.load(user, id);
    if (actor !== step.actor) throw new DomainError(403, 'FORBIDDEN');
    const ok = await this.tx.run((em) => this.transition(em, claim, { ...step, tell: notices?.(claim) }));
    if (!ok) throw new DomainError(409, 'CLAIM_STATE_CHANGED');
    return this.views.one(user, await this.claims.findOneByOrFail({ id }));
  }

  /**
   * Asks the state machine, then compare-and-sets the status so two concurrent actions cannot both apply;
   * returns false when the claim moved underneath (the caller answers 409). The timeline event and every notice
   * of the step are written in the caller's transaction.
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
    const visible = step.visibleToWorker ?? true;
    const eventId = await this.writeEvent(em, claim, {
      kind: step.action,
      actorRole: step.actor,
      actorId: step.actorId,
      from: claim.status,
      to: next,
      note: step.note ?? null,
      visibleToWorker: visible,
      data: step.data,
    });
    const workerKind = step.actor === 'officer' && visible ? WORKER_NOTICES[step.action] : undefined;
    if (workerKind) {
      await this.notifications.pending(workerKind, [claim.workerId], { ...ref(claim), status: next, note: step.note ?? null } as NoticeParams<typeof workerKind>)(em, eventId);
    }
    for (const t of step.tell ?? []) await t(em, eventId);
    return true;
  }


  private async writeEvent(
    em: EntityManager,
    claim: Claim,
    e: { kind: string; actorRole: ClaimActor; actorId: string | null; from: ClaimStatus; to: ClaimStatus; note?: string | null; visibleToWorker?: boolean; data?: Record<string, unknown> },
  ): Promise<string> {
    const seq = (await em.count(ClaimEvent, { where: { claimId: claim.id } })) + 1;
    const id = newId();
    await em.insert(ClaimEvent, {
      id,
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
    return id;
  }
}

const ref = (c: Pick<Claim, 'id' | 'number'>) => ({ claimId: c.id, number: c.number });
