import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MODEL_WORKER_HONOUR_MAX, type ModelWorkerInput, type ModelWorkerItem, type ModelWorkerPage } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { MembershipsService } from '../memberships/memberships.service';
import { OrgsService } from '../orgs/orgs.service';
import { BenefitOrgs } from './benefit-orgs.service';
import { ModelWorker } from './model-worker.entity';

const PAGE = 50;

/**
 * 劳模 flags: officers of a member's org (or above, or the admin) flag a member by the number on their card and
 * may take the flag back; both are audit lines written in the same transaction. Campaigns with `modelWorkersOnly`
 * read `flagged()`.
 */
@Injectable()
export class ModelWorkersService {
  constructor(
    @InjectRepository(ModelWorker) private readonly repo: Repository<ModelWorker>,
    private readonly memberships: MembershipsService,
    private readonly orgs: OrgsService,
    private readonly borgs: BenefitOrgs,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: { orgCode?: string; cursor?: string }): Promise<ModelWorkerPage> {
    const qb = this.repo.createQueryBuilder('w');
    const scope = this.orgs.inSubtrees('w.orgId', this.access.scopePrefixes(user));
    if (scope) qb.where(scope.sql, scope.params);
    if (q.orgCode) {
      const org = await this.orgs.getByCode(q.orgCode);
      this.access.assertOrgInScope(user, org);
      const sub = this.orgs.inSubtrees('w.orgId', [org.path])!;
      qb.andWhere(sub.sql, sub.params);
    }
    if (q.cursor) {
      const { at, id } = decodeCursor(q.cursor);
      qb.andWhere('(w.flaggedAt < :at OR (w.flaggedAt = :at AND w.id < :cid))', { at, cid: id });
    }
    const rows = await qb.orderBy('w.flaggedAt', 'DESC').addOrderBy('w.id', 'DESC').take(PAGE + 1).getMany();
    const page = rows.slice(0, PAGE);
    const items = await this.views(page);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last.flaggedAt, id: last.id }) : null };
  }

  async flag(user: AuthUser, dto: ModelWorkerInput, now = new Date()): Promise<ModelWorkerItem> {
    const honour = typeof dto.honour === 'string' ? dto.honour.trim() : '';
    if (!honour || honour.length > MODEL_WORKER_HONOUR_MAX) throw DomainError.validation([{ field: 'honour', message: `请填写荣誉称号（1–${MODEL_WORKER_HONOUR_MAX} 个字），如：厦门市劳动模范` }]);
    const member = await this.memberships.activeMemberByNo(dto.memberNo);
    const org = member ? await this.borgs.byId(member.orgId) : null;
    // An unknown number and a member outside the officer's orgs read the same: membership does not leak.
    if (!member || !org || !this.access.canActOnOrg(user, org)) throw DomainError.validation([{ field: 'memberNo', message: '你管理的工会里没有这个会员号的在册会员，请核对会员卡' }]);
    const row: ModelWorker = { id: newId(), userId: member.userId, orgId: org.id, honour, flaggedBy: user.id, flaggedAt: now };
    try {
      await this.tx.run(async (em) => {
        await em.insert(ModelWorker, { ...row });
        await this.audit.record(em, { actor: user, action: 'model_worker.flag', subject: { userId: member.userId }, object: { type: 'model_worker', id: row.id }, orgId: org.id, detail: { memberNo: member.memberNo, honour } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'MODEL_WORKER_EXISTS');
      throw err;
    }
    return (await this.views([row]))[0];
  }

  /** Officers of the org that flagged the member, or of the member's org now; anyone else gets 404. */
  async unflag(user: AuthUser, id: string): Promise<void> {
    const row = await this.repo.findOneBy({ id });
    const facts = row ? (await this.memberships.memberFactsMany([row.userId])).get(row.userId) : undefined;
    const orgs = row ? await this.borgs.byIds([row.orgId, ...(facts ? [facts.orgId] : [])]) : new Map();
    if (!row || ![...orgs.values()].some((o) => this.access.canActOnOrg(user, o))) throw DomainError.notFound();
    await this.tx.run(async (em) => {
      if (!(await em.delete(ModelWorker, { id })).affected) throw DomainError.notFound();
      await this.audit.record(em, { actor: user, action: 'model_worker.unflag', subject: { userId: row.userId }, object: { type: 'model_worker', id }, orgId: row.orgId, detail: { memberNo: facts?.memberNo ?? null, honour: row.honour } });
    });
  }

  /** Which of these users are flagged 劳模. */
  async flagged(userIds: readonly string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows = await this.repo.find({ where: { userId: In([...new Set(userIds)]) }, select: { id: true, userId: true } });
    return new Set(rows.map((r) => r.userId));
  }

  /** Flagged members active now in the subtree under `orgPath` (and of one of `occupations` when given): a 劳模 campaign's reach. */
  async countActiveIn(orgPath: string, occupations: readonly string[]): Promise<number> {
    const rows = await this.repo.find({ select: { id: true, userId: true } });
    const facts = await this.memberships.memberFactsMany(rows.map((r) => r.userId));
    const orgs = await this.borgs.byIds([...facts.values()].map((f) => f.orgId));
    return [...facts.values()].filter((f) => orgs.get(f.orgId)?.path.startsWith(orgPath) && (!occupations.length || (f.occupation !== null && occupations.includes(f.occupation)))).length;
  }

  private async views(rows: ModelWorker[]): Promise<ModelWorkerItem[]> {
    const facts = await this.memberships.memberFactsMany(rows.map((r) => r.userId));
    const orgs = await this.borgs.byIds(rows.map((r) => facts.get(r.userId)?.orgId ?? r.orgId));
    return rows.map((r) => {
      const f = facts.get(r.userId);
      const org = orgs.get(f?.orgId ?? r.orgId);
      return {
        id: r.id,
        memberNo: f?.memberNo ?? '',
        name: f?.name ?? '（已不在册）',
        org: org ? BenefitOrgs.ref(org) : { code: '', name: '' },
        honour: r.honour,
        flaggedAt: r.flaggedAt.toISOString(),
      };
    });
  }
}
