import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import {
  CARD_TOKEN_TTL_SECONDS,
  formatMemberNumber,
  JOIN_DECISION_TARGET_MINUTES,
  maskIdNumber,
  maskMobile,
  maskName,
  normalizeIdNumber,
  normalizeMobile,
  shanghaiDate,
  startOfBeijingDay,
} from '@nuanxin/shared';
import { Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { nextValue } from '../counters/counters';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { piiHash } from '../pii/pii-cipher';
import { UsersService } from '../users/users.service';
import type {
  ApplicationDto,
  ApplicationPageDto,
  ApplyDto,
  ApplyResultDto,
  CardDto,
  JoinProfileDto,
  ListApplicationsQuery,
  StatsDto,
  TransferDto,
  VerifyResultDto,
} from './dto/membership.dto';
import { MembershipApplication } from './membership-application.entity';
import { Membership } from './membership.entity';

const PAGE_SIZE = 20;
const STATS_WINDOW_DAYS = 30;
const idHashOf = (idNumber: string) => piiHash(`id:${normalizeIdNumber(idNumber)}`);

/** What the server remembers for an applicant: their latest application, else the mobile of an SMS login. */
interface SavedIdentity {
  name: string | null;
  mobile: string | null;
  mobileSource: 'application' | 'login' | null;
  idNumber: string | null;
  employer: string | null;
  occupation: string | null;
  city: string | null;
  savedAt: Date | null;
}

const SAVED_MISSING: Record<'name' | 'mobile' | 'idNumber', string> = {
  name: '没有已保存的姓名，请填写姓名',
  mobile: '没有已保存的手机号，请填写手机号',
  idNumber: '没有已保存的身份证号，请填写身份证号',
};

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}



/**
 * Scan to join: applications, decisions, member cards, verification, transfers and the officers' figures.
 * Every method that touches one object checks access first, then loads, then works.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @InjectRepository(MembershipApplication) private readonly apps: Repository<MembershipApplication>,
    @InjectRepository(Membership) private readonly members: Repository<Membership>,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    @Inject(JwtService) private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /** The org of the user's active membership, if any (claims route to it). */
  async activeOrgOf(userId: string): Promise<string | null> {
    return (await this.members.findOne({ where: { userId, status: 'active' }, select: { id: true, orgId: true } }))?.orgId ?? null;
  }

  /** The name on the user's active membership (wishes make the wall's `<surname>师傅` from it), else null. */
  async memberNameOf(userId: string): Promise<string | null> {
    return (await this.members.findOne({ where: { userId, status: 'active' }, select: { id: true, name: true } }))?.name ?? null;
  }

  /** The mobile a claim's 电话联系 uses with `useSavedMobile`: the SMS-verified login's, else the latest join application's. */
  async savedMobileOf(userId: string): Promise<{ mobile: string; source: 'login' | 'application' } | null> {
    const login = (await this.users.findByIds([userId]))[0]?.mobile;
    if (login) return { mobile: login, source: 'login' };
    const last = await this.apps.findOne({ where: { userId }, order: { submittedAt: 'DESC', id: 'DESC' } });
    return last ? { mobile: last.mobile, source: 'application' } : null;
  }

  /**
   * What benefits' eligibility needs of a member in one query: the org of their active membership, their name
   * and the occupation from the application that made it; null for a non-member.
   */
  async memberFacts(userId: string): Promise<{ orgId: string; name: string; occupation: string | null } | null> {
    return (await this.memberFactsMany([userId])).get(userId) ?? null;
  }

  /** The active members among `userIds` in one statement (a flash claim's crowd): org, name, occupation. */
  async memberFactsMany(userIds: readonly string[]): Promise<Map<string, { orgId: string; name: string; occupation: string | null; memberNo: string }>> {
    const out = new Map<string, { orgId: string; name: string; occupation: string | null; memberNo: string }>();
    if (!userIds.length) return out;
    const rows = await this.members
      .createQueryBuilder('m')
      .leftJoin(MembershipApplication, 'a', 'a.id = m.applicationId')
      .select(['m.userId AS userId', 'm.orgId AS orgId', 'm.name AS name', 'a.occupation AS occupation', 'm.memberNo AS memberNo'])
      .where('m.userId IN (:...userIds) AND m.status = :active', { userIds: [...new Set(userIds)], active: 'active' })
      .getRawMany<{ userId: string; orgId: string; name: string; occupation: string | null; memberNo: string }>();
    for (const r of rows) out.set(r.userId, { orgId: r.orgId, name: r.name, occupation: r.occupation, memberNo: r.memberNo });
    return out;
  }

  /** The active member holding this card number (spaces ignored), or null. */
  async activeMemberByNo(memberNo: string): Promise<{ userId: string; orgId: string; name: string; memberNo: string } | null> {
    const m = await this.members.findOneBy({ memberNo: memberNo.replace(/\s+/g, ''), status: 'active' });
    return m ? { userId: m.userId, orgId: m.orgId, name: m.name, memberNo: m.memberNo } : null;
  }

  /** Active members of the subtrees under `orgPath` (optionally of these occupations): a campaign's reach. */
  async countActiveMembers(orgPath: string, occupations: readonly string[] = []): Promise<number> {
    const scope = this.orgs.inSubtrees('m.orgId', [orgPath])!;
    const qb = this.members.createQueryBuilder('m').where("m.status = 'active'").andWhere(scope.sql, scope.params);
    if (occupations.length) qb.innerJoin(MembershipApplication, 'a', 'a.id = m.applicationId').andWhere('a.occupation IN (:...occ)', { occ: [...occupations] });
    return qb.getCount();
  }

  /** Whose active member card a card token is (a station master checking a pickup); null when invalid, expired or not active. */
  async cardHolder(token: string): Promise<{ userId: string } | null> {
    const m = await this.cardMembership(token).catch((err: unknown) => {
      if (err instanceof DomainError) return null;
      throw err;
    });
    return m && m.status === 'active' ? { userId: m.userId } : null;
  }

  // ---- worker -------------------------------------------------------------------------------------------

  async apply(user: AuthUser, dto: ApplyDto): Promise<ApplyResultDto> {
    if (dto.consent !== true) {
      throw new DomainError(400, 'CONSENT_REQUIRED', undefined, [{ field: 'consent', message: '请阅读并同意《隐私政策》' }]);
    }
    const identity = await this.identityFor(user.id, dto);
    const org = await this.orgs.getByCode(dto.orgCode);
    if (!org.active) throw new DomainError(409, 'ORG_INACTIVE');
    const idNumber = normalizeIdNumber(identity.idNumber);
    const idHash = idHashOf(idNumber);
    await this.assertCanApply(user.id, idHash);
    const mobile = normalizeMobile(identity.mobile);
    const now = new Date();
    const app = this.apps.create({
      id: newId(),
      userId: user.id,
      orgId: org.id,
      kind: 'join',
      status: 'pending',
      name: identity.name.trim(),
      mobile,
      mobileHash: piiHash(mobile),
      idNumber,
      idHash,
      employer: dto.employer.trim(),
      occupation: dto.occupation,
      city: dto.city.trim(),
      consentAt: now,
      openKey: idHash,
      fromMembershipId: null,
      transferReason: null,
      submittedAt: now,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      membershipId: null,
    });
    return this.submit(app, org, user.requestId);
  }

  /** The caller's own saved details, masked; all null when there are none. */
  async profile(user: AuthUser): Promise<JoinProfileDto> {
    const saved = await this.savedIdentity(user.id);
    return {
      nameMasked: saved.name ? maskName(saved.name) : null,
      mobileMasked: saved.mobile ? maskMobile(saved.mobile) : null,
      mobileSource: saved.mobileSource,
      idNumberMasked: saved.idNumber ? maskIdNumber(saved.idNumber) : null,
      employer: saved.employer,
      occupation: saved.occupation,
      city: saved.city,
      savedAt: saved.savedAt,
    };
  }

  async mine(user: AuthUser): Promise<ApplicationDto[]> {
    const list = await this.apps.find({ where: { userId: user.id }, order: { submittedAt: 'DESC' } });
    return this.views(list);
  }

  /** The applicant, or an officer whose subtree holds the org; anyone else gets 404. */
  async getOne(user: AuthUser, id: string): Promise<ApplicationDto> {
    const app = await this.apps.findOneBy({ id });
    if (!app) throw DomainError.notFound();
    if (app.userId !== user.id) {
      const org = await this.orgs.findById(app.orgId);
      if (!org || !this.access.canActOnOrg(user, org)) throw DomainError.notFound();
    }
    return (await this.views([app]))[0];
  }

  async card(user: AuthUser): Promise<CardDto> {
    const card = await this.cardIfMember(user);
    if (!card) throw new DomainError(404, 'NOT_A_MEMBER');
    return card;
  }

  /** The card, or null for a non-member (我的 asks on every visit; not being a member is no error). */
  async cardIfMember(user: AuthUser): Promise<CardDto | null> {
    const m = await this.members.findOneBy({ userId: user.id, status: 'active' });
    return m ? this.cardOf(m) : null;
  }

  async transfer(user: AuthUser, dto: TransferDto): Promise<ApplyResultDto> {
    const current = await this.members.findOneBy({ userId: user.id, status: 'active' });
    if (!current) throw new DomainError(409, 'NOT_A_MEMBER');
    const target = await this.orgs.getByCode(dto.toOrgCode);
    if (!target.active) throw new DomainError(409, 'ORG_INACTIVE');
    if (target.id === current.orgId) throw new DomainError(409, 'TRANSFER_SAME_ORG');
    const open = await this.apps.findOneBy({ openKey: current.idHash });
    if (open) throw new DomainError(409, 'APPLICATION_PENDING');
    const original = await this.apps.findOneByOrFail({ id: current.applicationId });
    const now = new Date();
    const app = this.apps.create({
      ...original,
      id: newId(),
      userId: user.id,
      orgId: target.id,
      kind: 'transfer',
      status: 'pending',
      openKey: current.idHash,
      fromMembershipId: current.id,
      transferReason: dto.reason.trim(),
      consentAt: now,
      submittedAt: now,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      membershipId: null,
    });
    return this.submit(app, target, user.requestId);
  }

  // ---- officer ------------------------------------------------------------------------------------------

  async list(user: AuthUser, q: ListApplicationsQuery): Promise<ApplicationPageDto> {
    let prefixes = this.access.scopePrefixes(user);
    if (q.orgCode) {
      const org = await this.orgs.getByCode(q.orgCode);
      this.access.assertOrgInScope(user, org);
      prefixes = [org.path];
    }
    const qb = this.apps.createQueryBuilder('a');
    const scope = this.orgs.inSubtrees('a.orgId', prefixes);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      qb.andWhere('(a.submittedAt < :at OR (a.submittedAt = :at AND a.id < :cid))', { at: c.at, cid: c.id });
    }
    const rows = await qb.orderBy('a.submittedAt', 'DESC').addOrderBy('a.id', 'DESC').take(PAGE_SIZE + 1).getMany();
    const page = rows.slice(0, PAGE_SIZE);
    return { items: await this.views(page), nextCursor: rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null };
  }

  async approve(user: AuthUser, id: string): Promise<ApplyResultDto> {
    const { app, org } = await this.loadForDecision(user, id);
    // The org may have been deactivated since the application: nobody joins or moves into it (rejecting still works).
    if (!org.active) throw new DomainError(409, 'ORG_INACTIVE');
    const membership = await this.tx.run(async (em) => {
      const m = await this.approveIn(em, app, org, user.id);
      await this.audit.record(em, { actor: user, action: 'membership.approve', subject: { userId: app.userId, mobile: app.mobile }, object: { type: 'membership_application', id: app.id }, orgId: org.id, detail: { kind: app.kind, memberNo: m.memberNo } });
      return m;
    });
    return { application: (await this.views([await this.apps.findOneByOrFail({ id })]))[0], card: await this.cardOf(membership) };
  }

  async reject(user: AuthUser, id: string, reason: string): Promise<ApplicationDto> {
    const { app, org } = await this.loadForDecision(user, id);
    await this.tx.run(async (em) => {
      const now = new Date();
      const res = await em.update(
        MembershipApplication,
        { id: app.id, status: 'pending' },
        { status: 'rejected', openKey: null, decidedAt: now, decidedBy: user.id, decisionReason: reason.trim() },
      );
      if (!res.affected) throw new DomainError(409, 'APPLICATION_NOT_PENDING');
      await this.notifications.notify(em, 'membership.rejected', [app.userId], { applicationId: app.id, orgName: org.name, transfer: app.kind === 'transfer', reason: reason.trim() }, { ref: app.id });
      await this.audit.record(em, { actor: user, action: 'membership.reject', subject: { userId: app.userId, mobile: app.mobile }, object: { type: 'membership_application', id: app.id }, orgId: org.id, detail: { kind: app.kind } });
    });
    return (await this.views([await this.apps.findOneByOrFail({ id })]))[0];
  }

  /** For station masters, merchants and officers at the till or the door. */
  async verify(token: string): Promise<VerifyResultDto> {
    const m = await this.cardMembership(token);
    const org = await this.orgs.findById(m.orgId);
    return {
      valid: m.status === 'active',
      memberNo: m.memberNo,
      nameMasked: maskName(m.name),
      org: { code: org!.code, name: org!.name },
      status: m.status,
      since: m.since,
    };
  }

  async stats(user: AuthUser, orgCode: string, now = new Date()): Promise<StatsDto> {
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(user, org);
    const subtree = this.orgs.inSubtrees('a.orgId', [org.path])!;
    const inTree = () => this.apps.createQueryBuilder('a').where(subtree.sql, subtree.params);
    const pendingNow = await inTree().andWhere('a.status = :s', { s: 'pending' }).getCount();
    const since = new Date(now.getTime() - STATS_WINDOW_DAYS * 86400_000);
    const decided = await inTree()
      .andWhere('a.decidedAt IS NOT NULL')
      .andWhere('a.decidedAt >= :since', { since })
      .select(['a.submittedAt', 'a.decidedAt', 'a.decidedBy'])
      .getMany();
    // Auto-approved applications take 0 minutes and would hide how long officers take: they are counted apart.
    const byOfficer = decided.filter((a) => a.decidedBy !== null);
    const dayStart = startOfBeijingDay(now);
    const minutes = byOfficer.map((a) => (a.decidedAt!.getTime() - a.submittedAt.getTime()) / 60000).sort((x, y) => x - y);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      orgCode: org.code,
      pendingNow,
      decidedToday: byOfficer.filter((a) => a.decidedAt! >= dayStart).length,
      medianMinutes: round(percentile(minutes, 50)),
      p90Minutes: round(percentile(minutes, 90)),
      decidedLate: minutes.filter((m) => m > JOIN_DECISION_TARGET_MINUTES).length,
      autoApproved: decided.length - byOfficer.length,
      windowDays: STATS_WINDOW_DAYS,
    };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** The membership a card token names: 400 when the token is invalid or expired. */
  private async cardMembership(token: string): Promise<Membership> {
    let membershipId: string;
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ: string }>(token, { algorithms: ['HS256'] });
      if (payload.typ !== 'card') throw new Error('not a card token');
      membershipId = payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') throw new DomainError(400, 'CARD_TOKEN_EXPIRED');
      throw new DomainError(400, 'CARD_TOKEN_INVALID');
    }
    const m = await this.members.findOneBy({ id: membershipId });
    if (!m) throw new DomainError(400, 'CARD_TOKEN_INVALID');
    return m;
  }

  /** Only ever the caller's own rows: the user id comes from the access token, never from the request. */
  private async savedIdentity(userId: string): Promise<SavedIdentity> {
    const last = await this.apps.findOne({ where: { userId }, order: { submittedAt: 'DESC', id: 'DESC' } });
    if (last) {
      return {
        name: last.name,
        mobile: last.mobile,
        mobileSource: 'application',
        idNumber: last.idNumber,
        employer: last.employer,
        occupation: last.occupation,
        city: last.city,
        savedAt: last.submittedAt,
      };
    }
    const loginMobile = (await this.users.findByIds([userId]))[0]?.mobile ?? null;
    return { name: null, mobile: loginMobile, mobileSource: loginMobile ? 'login' : null, idNumber: null, employer: null, occupation: null, city: null, savedAt: null };
  }

  /** Typed values win; with `useSavedIdentity` the missing ones come from the saved profile, or 400 per field. */
  private async identityFor(userId: string, dto: ApplyDto): Promise<{ name: string; mobile: string; idNumber: string }> {
    const fields = ['name', 'mobile', 'idNumber'] as const;
    if (fields.every((f) => dto[f] !== undefined)) return { name: dto.name!, mobile: dto.mobile!, idNumber: dto.idNumber! };
    const saved = await this.savedIdentity(userId);
    const missing = fields.filter((f) => dto[f] === undefined && !saved[f]);
    if (missing.length) throw DomainError.validation(missing.map((field) => ({ field, message: SAVED_MISSING[field] })));
    return { name: dto.name ?? saved.name!, mobile: dto.mobile ?? saved.mobile!, idNumber: dto.idNumber ?? saved.idNumber! };
  }

  private async assertCanApply(userId: string, idHash: string): Promise<void> {
    const active = (await this.members.findOneBy({ activeKey: idHash })) ?? (await this.members.findOneBy({ userId, status: 'active' }));
    if (active) {
      const org = await this.orgs.findById(active.orgId);
      throw new DomainError(409, 'ALREADY_MEMBER', `你已是「${org?.name ?? '工会'}」会员，如需更换所在工会请在「我的 → 会员卡」办理会员转移`);
    }
    const open = (await this.apps.findOneBy({ openKey: idHash })) ?? (await this.apps.findOneBy({ userId, status: 'pending' }));
    if (open) throw new DomainError(409, 'APPLICATION_PENDING');
  }

  /** Inserts the application; an auto-approving org decides in the same transaction and issues the card. */
  private async submit(app: MembershipApplication, org: Org, requestId?: string): Promise<ApplyResultDto> {
    let membership: Membership | null;
    try {
      membership = await this.tx.run(async (em) => {
        await em.insert(MembershipApplication, app);
        if (org.autoApprove) {
          const m = await this.approveIn(em, app, org, null);
          // Decided by the org's rule, not a person: still a decision on sensitive data, so it is in the audit log.
          await this.audit.record(em, { actor: null, action: 'membership.approve', subject: { userId: app.userId, mobile: app.mobile }, object: { type: 'membership_application', id: app.id }, orgId: org.id, detail: { kind: app.kind, memberNo: m.memberNo, auto: true }, requestId });
          return m;
        }
        await this.notifications.notify(em, 'membership.submitted', [app.userId], { applicationId: app.id, orgName: org.name, transfer: app.kind === 'transfer' }, { ref: app.id });
        return null;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'APPLICATION_PENDING');
      throw err;
    }
    const saved = await this.apps.findOneByOrFail({ id: app.id });
    return { application: (await this.views([saved]))[0], card: membership ? await this.cardOf(membership) : null };
  }

  private async loadForDecision(user: AuthUser, id: string): Promise<{ app: MembershipApplication; org: Org }> {
    const app = await this.apps.findOneBy({ id });
    if (!app) throw DomainError.notFound();
    const org = await this.orgs.findById(app.orgId);
    // Out of scope looks exactly like missing: officers cannot probe other districts' applications.
    if (!org || !this.access.canActOnOrg(user, org)) throw DomainError.notFound();
    if (app.status !== 'pending') throw new DomainError(409, 'APPLICATION_NOT_PENDING');
    return { app, org };
  }

  private async approveIn(em: EntityManager, app: MembershipApplication, org: Org, deciderId: string | null): Promise<Membership> {
    const now = new Date();
    const decided = await em.update(
      MembershipApplication,
      { id: app.id, status: 'pending' },
      { status: 'approved', openKey: null, decidedAt: now, decidedBy: deciderId },
    );
    if (!decided.affected) throw new DomainError(409, 'APPLICATION_NOT_PENDING');
    if (app.fromMembershipId) {
      const ended = await em.update(
        Membership,
        { id: app.fromMembershipId, status: 'active' },
        { status: 'ended', activeKey: null, endedAt: now, endReason: `转移至 ${org.name}` },
      );
      if (!ended.affected) throw new DomainError(409, 'NOT_A_MEMBER');
    }
    const membership = em.create(Membership, {
      id: newId(),
      memberNo: await this.nextMemberNo(em, org, now),
      userId: app.userId,
      orgId: org.id,
      idHash: app.idHash,
      name: app.name,
      status: 'active',
      activeKey: app.idHash,
      applicationId: app.id,
      since: now,
      endedAt: null,
      endReason: null,
    });
    try {
      await em.insert(Membership, membership);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'ALREADY_MEMBER');
      throw err;
    }
    await em.update(MembershipApplication, { id: app.id }, { membershipId: membership.id });
    await this.notifications.notify(em, 'membership.approved', [app.userId], { applicationId: app.id, orgName: org.name, transfer: app.kind === 'transfer', memberNo: membership.memberNo }, { ref: app.id });
    return membership;
  }

  /** City prefix (the root org's code) + year of issue in Beijing time + a per-city, per-year sequence. */
  private async nextMemberNo(em: EntityManager, org: Org, now: Date): Promise<string> {
    const rootId = org.path.split('/').filter(Boolean)[0];
    const root = rootId === org.id ? org : await this.orgs.findById(rootId);
    if (!root) throw new Error(`org ${org.code} has no root ${rootId}`);
    const prefix = (root.code.replace(/[^A-Za-z]/g, '').toUpperCase() || 'NX').slice(0, 4);
    const year = Number(shanghaiDate(now).slice(0, 4));
    const seq = await nextValue(em, `member-no:${prefix}:${year}`);
    return formatMemberNumber(prefix, year, seq);
  }

  private async cardOf(m: Membership): Promise<CardDto> {
    const org = await this.orgs.findById(m.orgId);
    const token = await this.jwt.signAsync({ sub: m.id, typ: 'card' }, { expiresIn: CARD_TOKEN_TTL_SECONDS, algorithm: 'HS256' });
    return {
      memberNo: m.memberNo,
      nameMasked: maskName(m.name),
      org: { code: org!.code, name: org!.name },
      since: m.since,
      status: m.status,
      token,
      tokenExpiresAt: new Date(Date.now() + CARD_TOKEN_TTL_SECONDS * 1000),
    };
  }

  private async views(list: MembershipApplication[]): Promise<ApplicationDto[]> {
    const orgIds = [...new Set(list.map((a) => a.orgId))];
    const orgs = await this.orgs.findByIds(orgIds);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return list.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      org: { code: byId.get(a.orgId)?.code ?? '', name: byId.get(a.orgId)?.name ?? '' },
      name: a.name,
      mobileMasked: maskMobile(a.mobile),
      idNumberMasked: maskIdNumber(a.idNumber),
      employer: a.employer,
      occupation: a.occupation,
      city: a.city,
      transferReason: a.transferReason,
      submittedAt: a.submittedAt,
      decidedAt: a.decidedAt,
      autoDecided: a.status !== 'pending' && a.decidedBy === null,
      decisionReason: a.decisionReason,
    }));
  }
}

