import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  arbitrationPromptState,
  arbitrationRightAt,
  AWAITING_CLAIM_STATUSES,
  canReopen,
  CLAIM_LAW_RULES,
  CLAIM_RULES,
  CLAIM_STATUS_LABELS,
  formatClaimNumber,
  formatYuan,
  nextClaimStatus,
  shanghaiDate,
  TRANSFER_DEPARTMENTS,
  type ClaimAction,
  type ClaimActor,
  type ClaimStatus,
  type NoticeKind,
  type NoticeParams,
} from '@nuanxin/shared';
import { IsNull, LessThan, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
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
import { ClaimAgreements } from './claim-agreements.service';
import { ClaimAttachments } from './claim-attachments.service';
import { ClaimFigures } from './claim-figures.service';
import { ClaimContacts } from './claim-contacts.service';
import { ClaimTiers } from './claim-tiers.service';
import { ClaimEvent } from './claim-event.entity';
import { ClaimRouting } from './claim-routing.service';
import { applicableDeadline, ClaimViews } from './claim-views';
import { Claim } from './claim.entity';
import type { AssigneeDto, ClaimDto, CreateClaimDto, ResolveDto } from './dto/claim.dto';
import type { ArbitrationGuideDto, ContactDefaultsDto, PaymentAnswerDto, RevealPhoneDto } from './dto/claim-law.dto';

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
  /** More writes of the same step, in its transaction, after the claim's compare-and-set succeeded. */
  also?: (em: EntityManager, eventId: string) => Promise<void>;
}

/** The officer steps a worker is told about, each with its catalogue kind. */
const WORKER_NOTICES: Partial<Record<ClaimAction, NoticeKind>> = {
  accept: 'claim.accept',
  reply: 'claim.reply',
  escalate: 'claim.escalate',
  transfer: 'claim.transfer',
  resolve: 'claim.resolve',
  refer: 'claim.refer',
};

/** The clock's steps the worker is told about (a system actor on the timeline). */
const WORKER_SYSTEM_NOTICES: Partial<Record<ClaimAction, NoticeKind>> = {
  auto_escalate: 'claim.auto_escalate',
  auto_refer: 'claim.auto_refer',
};

const MEDIATING: readonly ClaimStatus[] = ['accepted', 'in_progress', 'referred'];

/** Half-way between now and a deadline: when the assignee is warned. */
const halfWay = (from: Date, due: Date) => new Date(from.getTime() + Math.floor((due.getTime() - from.getTime()) / 2));

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
    private readonly contacts: ClaimContacts,
    private readonly tiers: ClaimTiers,
    private readonly agreements: ClaimAgreements,
    private readonly audit: AuditService,
    private readonly figures: ClaimFigures,
  ) {}

  // ---- worker -------------------------------------------------------------------------------------------

  async create(user: AuthUser, dto: CreateClaimDto): Promise<ClaimDto> {
    const { employerOrg, district } = await this.routing.checkOrgCodes(dto);
    const employerName = dto.employerName?.trim() || employerOrg?.name;
    if (!employerName) throw DomainError.validation([{ field: 'employerName', message: '请填写用人单位或平台名称' }]);
    const photoIds = [...new Set(dto.attachmentIds ?? [])];
    await this.attachments.checkUnattached(user.id, photoIds);
    const contact = await this.contacts.forFiling(user.id, dto);
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
        ...contact,
        status: 'submitted',
        orgId: org.id,
        assigneeId,
        tier: 0,
        routedBy: routed.routedBy,
        handlingTier: 1,
        difficult: false,
        tierEnteredAt: now,
        mediationReceivedAt: null,
        arbitrationRightAt: null,
        continuedMediationConsentAt: null,
        arbitrationChosenAt: null,
        halfWarnAt: halfWay(now, first.due),
        overdueWarnAt: first.due,
        escalateAt: this.escalateAt(first.due),
        arbitrationPromptAt: null,
        agreedFen: null,
        recoveredFen: null,
        paymentMissedAt: null,
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

  /**
   * 受理: the mediation deadline starts (the org's `mediationWorkdays`; 3 working days for a union, 20 for the
   * linkage centre by default). The first acceptance at a tier is when that tier's mediation body received the
   * application: art. 14's 15 calendar days count from it.
   */
  async accept(user: AuthUser, id: string) {
    const { claim, org } = await this.load(user, id);
    const now = new Date();
    const days = org.mediationWorkdays ?? (claim.handlingTier === 2 ? CLAIM_LAW_RULES.centreMediationWorkdays : CLAIM_RULES.mediationWorkdays);
    const mediation = this.calendar.addWorkingDays(now, days);
    const received = claim.mediationReceivedAt && claim.tierEnteredAt && claim.mediationReceivedAt.getTime() >= claim.tierEnteredAt.getTime();
    const receipt = received
      ? {}
      : { mediationReceivedAt: now, arbitrationRightAt: arbitrationRightAt(now), arbitrationPromptAt: arbitrationRightAt(now), continuedMediationConsentAt: null };
    return this.act(user, id, {
      action: 'accept',
      actor: 'officer',
      actorId: user.id,
      note: `${org.name}已受理，将在 ${days} 个工作日内完成调解`,
      patch: {
        acceptedAt: now,
        firstResponseAt: claim.firstResponseAt ?? now,
        mediationDueAt: mediation.due,
        mediationEstimated: mediation.estimated,
        assigneeId: claim.assigneeId ?? user.id,
        ...receipt,
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

  /** 办结; mediated with money owed records the agreement (its payments are followed up on their due dates). */
  async resolve(user: AuthUser, id: string, dto: ResolveDto) {
    const now = new Date();
    const agreement = dto.agreement ? this.agreements.check(dto.agreement, dto.outcome, now) : null;
    return this.act(user, id, {
      action: 'resolve',
      actor: 'officer',
      actorId: user.id,
      note: dto.summary.trim(),
      data: { outcome: dto.outcome, amountRecoveredFen: dto.amountRecoveredFen ?? null, agreedFen: agreement?.amountFen ?? null },
      patch: {
        outcome: dto.outcome,
        amountRecoveredFen: dto.amountRecoveredFen ?? null,
        outcomeSummary: dto.summary.trim(),
        resolvedAt: now,
        ...(agreement ? { agreedFen: agreement.amountFen } : {}),
      },
      also: agreement ? (em) => this.agreements.record(em, id, agreement, user.id, now) : undefined,
    });
  }

  // ---- tiers and the law --------------------------------------------------------------------------------

  /** 疑难: the officer marks the case difficult and refers it to the linkage mediation centre (tier 2). */
  async refer(user: AuthUser, id: string, note: string) {
    const { claim, org } = await this.load(user, id);
    if (claim.handlingTier >= 2) throw new DomainError(409, 'CLAIM_ALREADY_AT_CENTRE');
    const step = await this.referStep(claim, org, { action: 'refer', actor: 'officer', actorId: user.id, note: note.trim() }, new Date());
    if (!step) throw new DomainError(409, 'CLAIM_NO_MEDIATION_CENTRE');
    return this.act(user, id, step.step, () => step.tell);
  }

  /** Art. 14, day 15: the worker consents to mediation going on (recorded on the timeline). */
  async continueMediation(user: AuthUser, id: string) {
    const { claim, actor } = await this.load(user, id);
    if (actor !== 'worker') throw new DomainError(403, 'FORBIDDEN');
    const state = arbitrationPromptState({ ...claim, now: new Date() });
    if (state !== 'pending' && state !== 'consented') throw new DomainError(409, 'CLAIM_NO_ARBITRATION_PROMPT');
    return this.act(
      user,
      id,
      { action: 'continue_mediation', actor: 'worker', actorId: user.id, note: '调解已满 15 天，职工同意继续调解', patch: { continuedMediationConsentAt: new Date(), arbitrationPromptAt: null } },
      (c) => [this.notifications.pending('claim.mediation_consent', [c.assigneeId], ref(c))],
    );
  }

  /** 申请仲裁: tier 3; the claim shows the guidance as 已引导仲裁 until the officer records the outcome. */
  async applyArbitration(user: AuthUser, id: string) {
    const now = new Date();
    return this.act(
      user,
      id,
      { action: 'apply_arbitration', actor: 'worker', actorId: user.id, note: '职工选择申请劳动仲裁', patch: { handlingTier: 3, tierEnteredAt: now, arbitrationChosenAt: now, arbitrationPromptAt: null } },
      (c) => [this.notifications.pending('claim.arbitration_chosen', [c.assigneeId], ref(c))],
    );
  }

  /** Tier 3 guidance: the worker or an officer in scope, at any status. */
  async arbitrationGuide(user: AuthUser, id: string): Promise<ArbitrationGuideDto> {
    const { claim, org } = await this.load(user, id);
    return this.tiers.guide(claim, org);
  }

  // ---- the worker as the officer needs them -------------------------------------------------------------

  contactDefaults(user: AuthUser): Promise<ContactDefaultsDto> {
    return this.contacts.defaults(user.id);
  }

  /**
   * 拨打电话: the full number, to an officer in scope only and only with 电话联系. The reveal is an internal
   * timeline event only its officer sees, and an audit line, in one transaction.
   */
  async revealPhone(user: AuthUser, id: string): Promise<RevealPhoneDto> {
    const { claim, org, actor } = await this.load(user, id);
    if (actor !== 'officer') throw new DomainError(403, 'FORBIDDEN');
    if (claim.contactPreference !== 'phone') throw new DomainError(409, 'CLAIM_CONTACT_BY_MESSAGE');
    if (!claim.contactMobile) throw new DomainError(409, 'CLAIM_NO_CONTACT_MOBILE');
    const mobile = claim.contactMobile;
    await this.tx.run(async (em) => {
      await this.writeEvent(em, claim, { kind: 'reveal_phone', actorRole: 'officer', actorId: user.id, from: claim.status, to: claim.status, note: '查看了职工的完整手机号', visibleToWorker: false });
      await this.audit.record(em, { actor: user, action: 'pii.reveal', subject: { userId: claim.workerId, mobile }, object: { type: 'claim', id: claim.id }, orgId: org.id, detail: { field: 'contactMobile', number: claim.number } });
    });
    return { mobile };
  }

  // ---- follow-through on agreements ---------------------------------------------------------------------

  /**
   * 是否已收到: 已收到 adds what came to the confirmed sum; 未收到 reopens the claim at the same org with a fresh
   * first-response deadline and the art. 16 guidance, and stops asking about the agreement's later payments.
   */
  async answerPayment(user: AuthUser, id: string, dto: PaymentAnswerDto): Promise<ClaimDto> {
    const { claim, org, actor } = await this.load(user, id);
    if (actor !== 'worker') throw new DomainError(403, 'FORBIDDEN');
    const now = new Date();
    const inst = await this.agreements.dueInstalment(claim.id, dto.instalmentId, now);
    if (dto.received) {
      const fen = Math.min(dto.receivedFen ?? inst.amountFen, inst.amountFen);
      return this.act(
        user,
        id,
        {
          action: 'payment_received',
          actor: 'worker',
          actorId: user.id,
          note: `职工确认已收到约定款项 ${formatYuan(fen)}`,
          data: { instalmentId: inst.id, receivedFen: fen },
          patch: { recoveredFen: (claim.recoveredFen ?? 0) + fen },
          also: (em) => this.agreements.answer(em, inst, { confirmedAt: now, receivedFen: fen }),
        },
        (c) => [this.notifications.pending('claim.payment_received', [c.assigneeId], { ...ref(c), amountFen: fen })],
      );
    }
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const officers = await this.users.officersOf(org.id);
    return this.act(
      user,
      id,
      {
        action: 'payment_missed',
        actor: 'worker',
        actorId: user.id,
        note: `约定 ${inst.dueDate} 支付的款项职工未收到，诉求重新办理；可依法持调解协议向人民法院申请支付令`,
        data: { instalmentId: inst.id, previous: { status: claim.status, outcome: claim.outcome, outcomeSummary: claim.outcomeSummary, resolvedAt: claim.resolvedAt?.toISOString() ?? null } },
        patch: {
          paymentMissedAt: now,
          firstResponseDueAt: first.due,
          firstResponseAt: null,
          firstResponseEstimated: first.estimated,
          acceptedAt: null,
          mediationDueAt: null,
          mediationEstimated: false,
          outcome: null,
          outcomeSummary: null,
          resolvedAt: null,
          ratingScore: null,
          ratingComment: null,
          ratedAt: null,
          closedAt: null,
        },
        also: (em) => this.agreements.answer(em, inst, { notReceivedAt: now }, true),
      },
      (c) => [this.notifications.pending('claim.payment_missed', [c.assigneeId, ...officers], { ...ref(c), amountFen: inst.amountFen, dueDate: inst.dueDate })],
    );
  }

  // ---- the clock's steps (ClaimClock runs them; each is a guarded state change) --------------------------

  /** First response overdue by one more working day: hand it to the parent org. False when it moved meanwhile. */
  async autoEscalate(claim: Claim, now: Date): Promise<boolean> {
    const org = await this.orgs.findById(claim.orgId);
    const parent = org?.parentId ? await this.orgs.findById(org.parentId) : null;
    if (!org || !parent) {
      // nowhere to go: the clock stops looking (the overdue warnings still reach the officers)
      await this.claims.update({ id: claim.id, escalateAt: claim.escalateAt! }, { escalateAt: null });
      return false;
    }
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const { org: target, assigneeId } = await this.routing.pickOfficer(parent);
    return this.tx.run((em) =>
      this.transition(em, claim, {
        action: 'auto_escalate',
        actor: 'system',
        actorId: null,
        note: `${org.name}超期未受理，系统已自动上报${target.name}`,
        data: { fromOrg: org.code, toOrg: target.code },
        patch: { orgId: target.id, assigneeId, tier: claim.tier + 1, firstResponseDueAt: first.due, firstResponseAt: null, mediationDueAt: null, firstResponseEstimated: first.estimated, mediationEstimated: false },
        tell: [this.notifications.pending('claim.auto_escalated', [assigneeId], ref(claim))],
      }, now),
    );
  }

  /** Tier-1 mediation overdue: refer it to the linkage centre. False when there is none or it moved meanwhile. */
  async autoRefer(claim: Claim, now: Date): Promise<boolean> {
    const org = await this.orgs.findById(claim.orgId);
    const step = org ? await this.referStep(claim, org, { action: 'auto_refer', actor: 'system', actorId: null, note: '工会调解已超期，系统已转联动调处中心' }, now) : null;
    if (!step) return false;
    return this.tx.run((em) => this.transition(em, claim, { ...step.step, tell: step.tell }, now));
  }

  /**
   * A claim filed before the tiers release (no `tierEnteredAt`) and still running gets the clock's dates a claim
   * filed now would hold: tier 1 entered at filing; the half-way and overdue warnings of the running deadline
   * (an already overdue claim is warned once, on the next run); escalation one working day after an unmet first
   * response; while mediating, art. 14's day 15 from acceptance (a day already passed is prompted at once).
   * Guarded on the claim as loaded (status and updatedAt), so a state change meanwhile wins; false then.
   */
  async backfillClock(claim: Claim, now: Date): Promise<boolean> {
    const patch: Partial<Claim> = { tierEnteredAt: claim.submittedAt };
    if (claim.dueAt) {
      const start = AWAITING_CLAIM_STATUSES.includes(claim.status) ? claim.submittedAt : (claim.acceptedAt ?? claim.submittedAt);
      patch.halfWarnAt = claim.dueAt > now ? halfWay(start, claim.dueAt) : null;
      patch.overdueWarnAt = claim.dueAt;
    }
    if (AWAITING_CLAIM_STATUSES.includes(claim.status)) patch.escalateAt = this.escalateAt(claim.firstResponseDueAt);
    if (MEDIATING.includes(claim.status) && claim.acceptedAt && !claim.mediationReceivedAt) {
      const right = arbitrationRightAt(claim.acceptedAt);
      Object.assign(patch, { mediationReceivedAt: claim.acceptedAt, arbitrationRightAt: right, arbitrationPromptAt: right });
    }
    const res = await this.claims.update({ id: claim.id, status: claim.status, updatedAt: claim.updatedAt, tierEnteredAt: IsNull() }, patch);
    return !!res.affected;
  }

  /** The clock's notices that change nothing but a pending instant: sent once, by whoever clears it first. */
  async clearPending(em: EntityManager, claim: Claim, column: 'halfWarnAt' | 'overdueWarnAt' | 'arbitrationPromptAt'): Promise<boolean> {
    const res = await em.update(Claim, { id: claim.id, [column]: claim[column]! }, { [column]: null });
    return !!res.affected;
  }

  private async referStep(claim: Claim, org: Org, base: Step, now: Date): Promise<{ step: Step; tell: PendingNotice[] } | null> {
    const centre = await this.tiers.centreFor(org);
    if (!centre) return null;
    const first = this.calendar.addWorkingDays(now, CLAIM_RULES.firstResponseWorkdays);
    const { org: target, assigneeId } = await this.routing.pickOfficer(centre);
    const auto = base.actor === 'system';
    return {
      step: {
        ...base,
        note: auto ? base.note : `疑难诉求，已转${target.name}：${base.note}`,
        data: { fromOrg: org.code, toOrg: target.code, auto },
        patch: {
          orgId: target.id,
          assigneeId,
          handlingTier: 2,
          difficult: auto ? claim.difficult : true,
          tierEnteredAt: now,
          firstResponseDueAt: first.due,
          firstResponseAt: null,
          firstResponseEstimated: first.estimated,
          acceptedAt: null,
          mediationDueAt: null,
          mediationEstimated: false,
        },
      },
      tell: [this.notifications.pending('claim.referred', [assigneeId], { ...ref(claim), auto })],
    };
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
  private async transition(em: EntityManager, claim: Claim, step: Step, now = new Date()): Promise<boolean> {
    const next = nextClaimStatus(claim.status, step.action, step.actor);
    if (!next) {
      throw new DomainError(409, 'CLAIM_ACTION_NOT_ALLOWED', `当前状态「${CLAIM_STATUS_LABELS[claim.status]}」下不能执行此操作`);
    }
    const after = { ...claim, ...step.patch };
    const dueAt = applicableDeadline(next, after);
    const res = await em.update(Claim, { id: claim.id, status: claim.status, updatedAt: claim.updatedAt }, { ...step.patch, ...this.clockPatch(claim, next, after, dueAt, now), status: next, dueAt, updatedAt: now });
    if (!res.affected) return false;
    // the guard on (status, updatedAt) made `claim` the exact row replaced: the dashboards' summary moves by the difference
    await this.figures.apply(em, claim, { ...after, dueAt });
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
    await step.also?.(em, eventId);
    const workerKind = visible ? (step.actor === 'officer' ? WORKER_NOTICES : step.actor === 'system' ? WORKER_SYSTEM_NOTICES : {})[step.action] : undefined;
    if (workerKind) {
      await this.notifications.pending(workerKind, [claim.workerId], { ...ref(claim), status: next, note: step.note ?? null } as NoticeParams<typeof workerKind>)(em, eventId);
    }
    for (const t of step.tell ?? []) await t(em, eventId);
    return true;
  }


  /**
   * The clock's pending instants after a step: a new running deadline restarts its half-way and overdue warnings;
   * awaiting acceptance, escalation is due one working day after the first-response deadline; the day-15 prompt
   * is pending only while mediation runs.
   */
  private clockPatch(claim: Claim, next: ClaimStatus, after: Claim, dueAt: Date | null, now: Date): Partial<Claim> {
    const patch: Partial<Claim> = {};
    if ((dueAt?.getTime() ?? null) !== (claim.dueAt?.getTime() ?? null)) {
      patch.halfWarnAt = dueAt && dueAt > now ? halfWay(now, dueAt) : null;
      patch.overdueWarnAt = dueAt;
    }
    const awaitingBefore = AWAITING_CLAIM_STATUSES.includes(claim.status);
    if (!AWAITING_CLAIM_STATUSES.includes(next)) patch.escalateAt = null;
    else if (!awaitingBefore || after.firstResponseDueAt.getTime() !== claim.firstResponseDueAt.getTime()) patch.escalateAt = this.escalateAt(after.firstResponseDueAt);
    if (!MEDIATING.includes(next)) patch.arbitrationPromptAt = null;
    return patch;
  }

  private escalateAt(firstResponseDueAt: Date): Date {
    return this.calendar.addWorkingDays(firstResponseDueAt, CLAIM_LAW_RULES.autoEscalateAfterWorkdays).due;
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
