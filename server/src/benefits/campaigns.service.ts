import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  beijingParts,
  campaignInputErrors,
  campaignState,
  OCCUPATIONS,
  packValueFen,
  type BudgetPreview,
  type CampaignDetail,
  type CampaignListItem,
  type CampaignListPage,
  type CampaignManagePage,
  type CampaignStatus,
  type Occupation,
  type PackItem,
  type RuleError,
} from '@nuanxin/shared';
import { In, MoreThan, Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { MembershipsService } from '../memberships/memberships.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { UsersService } from '../users/users.service';
import { BenefitClaim } from './benefit-claim.entity';
import { BenefitOrgs } from './benefit-orgs.service';
import { campaignListItem, statusLabel, type MyClaims } from './benefit-views';
import { Campaign } from './campaign.entity';
import type { CampaignInputDto, ManageCampaignsQuery } from './dto/benefits.dto';
import { merchantIdsOf, MerchantsService } from './merchants.service';
import { ModelWorkersService } from './model-workers.service';

const DAY = 86400_000;
const PAGE = 20;
/** Ended campaigns stay on the tab this long. */
const ENDED_SHOWN_MS = 3 * DAY;
const EDITABLE: CampaignStatus[] = ['draft', 'pending_approval', 'rejected'];
const STATE_ORDER = { open: 0, upcoming: 1, sold_out: 2, ended: 3 } as const;

type Role = 'staff' | 'proposer' | 'member';

/** Eligibility of one member for one campaign (`modelWorker`: flagged 劳模; only read for campaigns that require it). */
export function isEligible(
  c: Pick<Campaign, 'occupations' | 'modelWorkersOnly'>,
  campaignOrg: Pick<Org, 'path'>,
  member: { orgPath: string; occupation: string | null; modelWorker?: boolean } | null,
): boolean {
  if (!member || !member.orgPath.startsWith(campaignOrg.path)) return false;
  if (c.modelWorkersOnly && !member.modelWorker) return false;
  return !c.occupations.length || (member.occupation !== null && c.occupations.includes(member.occupation));
}

/** Why a member is not eligible, in the words the claim's 403 uses. */
export function notEligibleMessage(c: Pick<Campaign, 'occupations' | 'modelWorkersOnly'>): string {
  const who = [...(c.modelWorkersOnly ? ['劳模'] : []), ...c.occupations].join('、');
  return `这个活动只面向${who}会员，看看其他优惠吧`;
}

/**
 * Campaigns: the editor (officers for their subtree, admin; a merchant proposes for its own shop), approval,
 * the members' 优惠 tab and the detail views. The flash claim itself is `ClaimService`.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectRepository(Campaign) private readonly repo: Repository<Campaign>,
    @InjectRepository(BenefitClaim) private readonly claims: Repository<BenefitClaim>,
    private readonly merchants: MerchantsService,
    private readonly memberships: MembershipsService,
    private readonly orgs: OrgsService,
    private readonly borgs: BenefitOrgs,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
    private readonly modelWorkers: ModelWorkersService,
  ) {}

  // ---- the editor ----

  async preview(user: AuthUser, dto: CampaignInputDto): Promise<BudgetPreview> {
    const { org, merchantIds } = await this.editorScope(user, dto);
    const errors = [...campaignInputErrors(dto), ...(await this.extraErrors(dto, org, merchantIds))];
    const items = errors.some((e) => e.field.startsWith('items')) ? [] : dto.items;
    const value = packValueFen(items);
    const perPack = items.reduce((s, it) => s + it.count, 0);
    const stock = Number.isInteger(dto.stock) ? dto.stock : 0;
    const merchantCount = merchantIds.length ? merchantIds.length : (await this.merchants.activeInSubtree(org.path)).length;
    return {
      packValueFen: value,
      budgetFen: value * stock,
      couponsPerPack: perPack,
      couponsTotal: perPack * stock,
      eligibleMembers: dto.modelWorkersOnly === true ? await this.modelWorkers.countActiveIn(org.path, this.occupationsOf(dto)) : await this.memberships.countActiveMembers(org.path, this.occupationsOf(dto)),
      merchantCount,
      errors,
    };
  }

  async create(user: AuthUser, dto: CampaignInputDto, now = new Date()): Promise<CampaignDetail> {
    const scope = await this.editorScope(user, dto);
    await this.assertValid(dto, scope.org, scope.merchantIds);
    const c = this.repo.create({
      id: newId(),
      ...this.fields(dto, scope.merchantIds),
      orgId: scope.org.id,
      status: scope.proposer ? 'pending_approval' : 'draft',
      claimed: 0,
      proposedByMerchantId: scope.proposer?.id ?? null,
      rejectReason: null,
      createdBy: user.id,
      createdAt: now,
      publishedAt: null,
      closedAt: null,
    });
    await this.repo.insert(c);
    return this.detail(user, c.id, now);
  }

  async update(user: AuthUser, id: string, dto: CampaignInputDto, now = new Date()): Promise<CampaignDetail> {
    const { campaign, role, org } = await this.load(user, id);
    if (role === 'member') throw DomainError.forbidden();
    if (!EDITABLE.includes(campaign.status)) throw new DomainError(409, 'CAMPAIGN_ACTION_NOT_ALLOWED', '已发布的活动不能修改，可以停止后重新创建');
    const merchantIds = role === 'proposer' ? [campaign.proposedByMerchantId!] : await this.listedMerchants(dto);
    let target = org;
    if (role === 'staff' && dto.orgCode && dto.orgCode !== org.code && !campaign.proposedByMerchantId) {
      target = await this.orgs.getByCode(dto.orgCode);
      this.access.assertOrgInScope(user, target);
    }
    await this.assertValid(dto, target, merchantIds);
    const status: CampaignStatus = campaign.status === 'rejected' && role === 'proposer' ? 'pending_approval' : campaign.status;
    const res = await this.repo.update({ id, status: In(EDITABLE) }, { ...this.fields(dto, merchantIds), orgId: target.id, status });
    if (!res.affected) throw new DomainError(409, 'CAMPAIGN_ACTION_NOT_ALLOWED');
    return this.detail(user, id, now);
  }

  async publish(user: AuthUser, id: string, now = new Date()): Promise<CampaignDetail> {
    const { campaign } = await this.loadForOfficer(user, id);
    if (campaign.claimClosesAt.getTime() <= now.getTime()) throw DomainError.validation([{ field: 'claimClosesAt', message: '领取截止时间已过，请修改后再发布' }]);
    await this.move(id, ['draft', 'pending_approval'], { status: 'published', publishedAt: now, rejectReason: null });
    return this.detail(user, id, now);
  }

  async reject(user: AuthUser, id: string, reason: string, now = new Date()): Promise<CampaignDetail> {
    const { campaign } = await this.loadForOfficer(user, id);
    await this.tx.run(async (em) => {
      const res = await em.update(Campaign, { id, status: 'pending_approval' }, { status: 'rejected', rejectReason: reason.trim() });
      if (!res.affected) throw new DomainError(409, 'CAMPAIGN_ACTION_NOT_ALLOWED');
      const to = campaign.proposedByMerchantId ? await this.users.merchantUsersOf(campaign.proposedByMerchantId) : [];
      await this.notifications.notify(em, 'benefit.proposal_rejected', to, { campaignId: id, title: campaign.title, reason: reason.trim() }, { ref: `${id}:${now.getTime()}` });
    });
    return this.detail(user, id, now);
  }

  async close(user: AuthUser, id: string, now = new Date()): Promise<CampaignDetail> {
    await this.loadForOfficer(user, id);
    await this.move(id, ['published'], { status: 'closed', closedAt: now });
    return this.detail(user, id, now);
  }

  async manage(user: AuthUser, q: ManageCampaignsQuery, now = new Date()): Promise<CampaignManagePage> {
    const qb = this.repo.createQueryBuilder('c');
    const prefixes = this.access.scopePrefixes(user);
    if (prefixes && !prefixes.length) {
      const own = merchantIdsOf(user);
      if (!own.length) throw DomainError.forbidden();
      qb.where('c.proposedByMerchantId IN (:...own)', { own });
    } else {
      const scope = this.orgs.inSubtrees('c.orgId', prefixes);
      if (scope) qb.where(scope.sql, scope.params);
    }
    if (q.orgCode) {
      const org = await this.orgs.getByCode(q.orgCode);
      this.access.assertOrgInScope(user, org);
      const sub = this.orgs.inSubtrees('c.orgId', [org.path])!;
      qb.andWhere(sub.sql, sub.params);
    }
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.cursor) {
      const { at, id } = decodeCursor(q.cursor);
      qb.andWhere('(c.createdAt < :at OR (c.createdAt = :at AND c.id < :cid))', { at, cid: id });
    }
    const rows = await qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id', 'DESC').take(PAGE + 1).getMany();
    const page = rows.slice(0, PAGE);
    const items = await Promise.all(page.map((c) => this.detailOf(user, c, now)));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last.createdAt, id: last.id }) : null };
  }

  // ---- members ----

  async list(user: AuthUser, now = new Date()): Promise<CampaignListPage> {
    const serverTime = now.toISOString();
    const member = await this.memberOf(user.id);
    if (!member) return { items: [], serverTime };
    const chain = member.orgPath.split('/').filter(Boolean);
    const rows = await this.repo.find({ where: { status: In(['published', 'closed']), orgId: In(chain), claimClosesAt: MoreThan(new Date(now.getTime() - ENDED_SHOWN_MS)) } });
    if (rows.some((c) => c.modelWorkersOnly)) member.modelWorker = (await this.modelWorkers.flagged([user.id])).has(user.id);
    const mine = await this.myClaims(user.id, rows.map((c) => c.id), now);
    const orgs = await this.borgs.byIds(rows.map((c) => c.orgId));
    const items = rows.map((c) => {
      const org = orgs.get(c.orgId)!;
      return campaignListItem(c, BenefitOrgs.ref(org), mine.get(c.id) ?? { total: 0, today: 0 }, isEligible(c, org, member), now);
    });
    items.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.claimOpensAt.localeCompare(b.claimOpensAt) || a.id.localeCompare(b.id));
    return { items, serverTime };
  }

  async detail(user: AuthUser, id: string, now = new Date()): Promise<CampaignDetail> {
    const { campaign, role } = await this.load(user, id);
    return this.detailOf(user, campaign, now, role);
  }

  // ---- internals ----

  /** Members see published/closed campaigns of their subtree; staff in scope and the proposing merchant see all of theirs; else 404. */
  private async load(user: AuthUser, id: string): Promise<{ campaign: Campaign; role: Role; org: Org }> {
    const campaign = await this.repo.findOneBy({ id });
    const org = campaign ? await this.borgs.byId(campaign.orgId) : null;
    if (!campaign || !org) throw DomainError.notFound();
    if (this.access.canActOnOrg(user, org)) return { campaign, role: 'staff', org };
    if (campaign.proposedByMerchantId && merchantIdsOf(user).includes(campaign.proposedByMerchantId)) return { campaign, role: 'proposer', org };
    if (campaign.status === 'published' || campaign.status === 'closed') {
      const member = await this.memberOf(user.id);
      if (member && member.orgPath.startsWith(org.path)) return { campaign, role: 'member', org };
    }
    throw DomainError.notFound();
  }

  private async loadForOfficer(user: AuthUser, id: string): Promise<{ campaign: Campaign; org: Org }> {
    const { campaign, role, org } = await this.load(user, id);
    if (role !== 'staff') throw DomainError.forbidden('只有活动所属工会的干部可以审批、发布或停止活动');
    return { campaign, org };
  }

  private async move(id: string, from: CampaignStatus[], patch: Partial<Campaign>): Promise<void> {
    const res = await this.repo.update({ id, status: In(from) }, patch);
    if (!res.affected) throw new DomainError(409, 'CAMPAIGN_ACTION_NOT_ALLOWED');
  }

  async memberOf(userId: string): Promise<{ orgId: string; orgPath: string; name: string; occupation: string | null; modelWorker?: boolean } | null> {
    const facts = await this.memberships.memberFacts(userId);
    const org = facts ? await this.borgs.byId(facts.orgId) : null;
    return facts && org ? { ...facts, orgPath: org.path } : null;
  }

  async myClaims(userId: string, campaignIds: string[], now: Date): Promise<Map<string, MyClaims>> {
    const out = new Map<string, MyClaims>();
    if (!campaignIds.length) return out;
    const today = beijingParts(now).dayNumber;
    const rows = await this.claims.find({ where: { userId, campaignId: In(campaignIds) }, select: { campaignId: true, day: true } });
    for (const r of rows) {
      const m = out.get(r.campaignId) ?? { total: 0, today: 0 };
      m.total++;
      if (r.day === today) m.today++;
      out.set(r.campaignId, m);
    }
    return out;
  }

  private async detailOf(user: AuthUser, c: Campaign, now: Date, role?: Role): Promise<CampaignDetail> {
    const org = (await this.borgs.byId(c.orgId))!;
    role ??= this.access.canActOnOrg(user, org) ? 'staff' : c.proposedByMerchantId && merchantIdsOf(user).includes(c.proposedByMerchantId) ? 'proposer' : 'member';
    const member = role === 'member' ? await this.memberOf(user.id) : null;
    if (member && c.modelWorkersOnly) member.modelWorker = (await this.modelWorkers.flagged([user.id])).has(user.id);
    const mine = (await this.myClaims(user.id, [c.id], now)).get(c.id) ?? { total: 0, today: 0 };
    const item: CampaignListItem = campaignListItem(c, BenefitOrgs.ref(org), mine, isEligible(c, org, member), now);
    const listed = c.merchantIds.length ? await this.merchants.findByIds(c.merchantIds) : await this.merchants.activeInSubtree(org.path);
    const proposer = c.proposedByMerchantId ? (await this.merchants.findByIds([c.proposedByMerchantId]))[0] : null;
    const actions: CampaignDetail['actions'] = [];
    if (role === 'staff' || role === 'proposer') {
      if (EDITABLE.includes(c.status)) actions.push('edit');
      if (role === 'staff' && (c.status === 'draft' || c.status === 'pending_approval')) actions.push('publish');
      if (role === 'staff' && c.status === 'pending_approval') actions.push('reject');
      if (role === 'staff' && c.status === 'published') actions.push('close');
    }
    const ref = (m: { id: string; name: string; address: string }) => ({ id: m.id, name: m.name, address: m.address });
    return {
      ...item,
      state: c.status === 'published' || c.status === 'closed' ? item.state : campaignState(c, now),
      description: c.description,
      status: c.status,
      statusLabel: statusLabel(c),
      validity: c.validityMode === 'fixed' ? { mode: 'fixed', validFrom: c.validFrom!.toISOString(), validUntil: c.validUntil!.toISOString() } : { mode: 'days', days: c.validDays! },
      occupations: c.occupations as Occupation[],
      merchantScope: c.merchantIds.length ? 'list' : 'all',
      merchants: listed.slice(0, 100).map(ref),
      budgetFen: c.packValueFen * c.stock,
      proposedBy: proposer ? ref(proposer) : null,
      rejectReason: role === 'member' ? null : c.rejectReason,
      actions,
      createdAt: c.createdAt.toISOString(),
      publishedAt: c.publishedAt?.toISOString() ?? null,
      serverTime: now.toISOString(),
    };
  }

  /** Who edits for which org: an officer/admin for `orgCode` (or their one org); a merchant user for its own shop. */
  private async editorScope(user: AuthUser, dto: CampaignInputDto): Promise<{ org: Org; merchantIds: string[]; proposer: { id: string } | null }> {
    const officerGrants = user.grants.filter((g) => g.role === 'officer' || g.role === 'admin');
    if (officerGrants.length && !dto.merchantId) {
      let org: Org | null;
      if (dto.orgCode) org = await this.orgs.getByCode(dto.orgCode);
      else if (officerGrants.length === 1 && officerGrants[0].orgId) org = await this.orgs.findById(officerGrants[0].orgId);
      else throw DomainError.validation([{ field: 'orgCode', message: '请选择面向的工会组织' }]);
      if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
      this.access.assertOrgInScope(user, org);
      return { org, merchantIds: await this.listedMerchants(dto), proposer: null };
    }
    const merchant = await this.merchants.actingMerchant(user, dto.merchantId);
    const org = await this.orgs.findById(merchant.orgId);
    if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
    return { org, merchantIds: [merchant.id], proposer: merchant };
  }

  private async listedMerchants(dto: CampaignInputDto): Promise<string[]> {
    return Array.isArray(dto.merchantIds) ? [...new Set(dto.merchantIds.filter((x) => typeof x === 'string'))] : [];
  }

  private occupationsOf(dto: CampaignInputDto): string[] {
    return Array.isArray(dto.occupations) ? dto.occupations : [];
  }

  /** What the shared rules cannot know: listed merchants exist in the org's subtree, known occupations. */
  private async extraErrors(dto: CampaignInputDto, org: Org, merchantIds: string[]): Promise<RuleError[]> {
    const out: RuleError[] = [];
    const occ = this.occupationsOf(dto);
    if (occ.some((o) => !(OCCUPATIONS as readonly string[]).includes(o))) out.push({ field: 'occupations', message: `职业应为：${OCCUPATIONS.join('、')}` });
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (Array.isArray(dto.merchantIds) && dto.merchantIds.some((x) => typeof x !== 'string' || !UUID.test(x))) out.push({ field: 'merchantIds', message: '商户标识不正确' });
    else if (merchantIds.length) {
      const found = await this.merchants.findByIds(merchantIds);
      const orgs = await this.borgs.byIds(found.map((m) => m.orgId));
      const ok = found.filter((m) => orgs.get(m.orgId)?.path.startsWith(org.path));
      if (ok.length !== merchantIds.length) out.push({ field: 'merchantIds', message: '所选商户不存在或不属于该工会的合作商户' });
    }
    return out;
  }

  private async assertValid(dto: CampaignInputDto, org: Org, merchantIds: string[]): Promise<void> {
    const errors = [...campaignInputErrors(dto), ...(await this.extraErrors(dto, org, merchantIds))];
    if (errors.length) throw DomainError.validation(errors);
  }

  private fields(dto: CampaignInputDto, merchantIds: string[]): Partial<Campaign> {
    const items: PackItem[] = dto.items.map((it) => ({
      kind: it.kind,
      thresholdFen: it.thresholdFen,
      discountFen: it.discountFen,
      percentOff: it.kind === 'percent' ? it.percentOff : null,
      capFen: it.kind === 'percent' ? it.capFen : null,
      count: it.count,
    }));
    const v = dto.validity;
    return {
      title: dto.title.trim(),
      description: (dto.description ?? '').trim(),
      items,
      packValueFen: packValueFen(items),
      stock: dto.stock,
      remaining: dto.stock,
      perMemberLimit: dto.perMemberLimit,
      perDayLimit: dto.perDayLimit,
      occupations: this.occupationsOf(dto),
      modelWorkersOnly: dto.modelWorkersOnly === true,
      claimOpensAt: new Date(dto.claimOpensAt),
      claimClosesAt: new Date(dto.claimClosesAt),
      validityMode: v.mode,
      validFrom: v.mode === 'fixed' ? new Date(v.validFrom) : null,
      validUntil: v.mode === 'fixed' ? new Date(v.validUntil) : null,
      validDays: v.mode === 'days' ? v.days : null,
      merchantIds,
    };
  }
}

