import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_CATEGORIES, CLAIM_OUTCOMES, CLAIM_STATUS_LABELS, HANDLING_TIER_LABELS, maskMobile, maskName, shanghaiDate } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { OrgsService } from '../orgs/orgs.service';
import { UsersService } from '../users/users.service';
import { isBroadScope } from './claim-queue.service';
import { Claim } from './claim.entity';
import type { LedgerFilters, LedgerPageDto, LedgerQuery, LedgerRowDto } from './dto/ledger.dto';

export const LEDGER_PAGE_SIZE = 50;

const CATEGORY_LABEL = new Map<string, string>(CLAIM_CATEGORIES.map((c) => [c.code, c.label]));
const OUTCOME_LABEL = new Map<string, string>(CLAIM_OUTCOMES.map((o) => [o.code, o.label]));

/**
 * 是否超期, one rule for the filter (SQL) and the column (JS): the deadline that applies now has passed, or the
 * claim was accepted after its first-response deadline, or resolved after its mediation deadline.
 */
const OVERDUE_SQL =
  '(COALESCE(c.dueAt < :now, 0) = 1 OR COALESCE(c.firstResponseAt > c.firstResponseDueAt, 0) = 1 OR COALESCE(c.resolvedAt > c.mediationDueAt, 0) = 1)';
export function isOverdue(c: Pick<Claim, 'dueAt' | 'firstResponseAt' | 'firstResponseDueAt' | 'resolvedAt' | 'mediationDueAt'>, now: Date): boolean {
  return (
    (!!c.dueAt && c.dueAt < now) ||
    (!!c.firstResponseAt && c.firstResponseAt > c.firstResponseDueAt) ||
    (!!c.resolvedAt && !!c.mediationDueAt && c.resolvedAt > c.mediationDueAt)
  );
}

/** The instant a Beijing calendar day (`YYYY-MM-DD`) begins. */
export const beijingDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Whose claims a ledger reads: org path prefixes, or null for city-wide (admin). */
export type LedgerScope = string[] | null;

/**
 * 台账: every claim of the caller's org subtree (admin: the city) with the columns officers keep on paper,
 * filtered and keyset-paged newest first on `ix_claims_submitted`. A page costs three queries (rows, their
 * orgs, their assignees). The export reads the same rows in batches through `batches`.
 */
@Injectable()
export class ClaimLedger {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
  ) {}

  /** The caller's scope narrowed to `org` when given (404 for an unknown code, 403 outside their subtree). */
  async scopeOf(user: AuthUser, org?: string): Promise<LedgerScope> {
    if (!org) return this.access.scopePrefixes(user);
    const o = await this.orgs.findByCode(org);
    if (!o) throw DomainError.notFound();
    this.access.assertOrgInScope(user, o);
    return [o.path];
  }

  async page(user: AuthUser, q: LedgerQuery, now = new Date()): Promise<LedgerPageDto> {
    const scope = await this.scopeOf(user, q.org);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.read(scope, q, after, LEDGER_PAGE_SIZE + 1, now);
    const page = rows.slice(0, LEDGER_PAGE_SIZE);
    const last = page[page.length - 1];
    return { items: await this.toRows(page, now), nextCursor: rows.length > LEDGER_PAGE_SIZE ? encodeCursor(last) : null };
  }

  /** Every row of a ledger, `size` at a time, never all in memory; org names are read once per export. */
  async *batches(scope: LedgerScope, f: LedgerFilters, now: Date, size = 1000): AsyncGenerator<LedgerRowDto[]> {
    const orgNames = new Map<string, string>();
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.read(scope, f, after, size, now);
      if (!rows.length) return;
      const full = rows.length === size;
      after = { at: rows[rows.length - 1].submittedAt, id: rows[rows.length - 1].id };
      // handed over emptied: the entities are garbage before the consumer's round trip (the export waits on its writer there)
      yield await this.toRows(rows.splice(0), now, orgNames);
      if (!full) return;
    }
  }

  /** How many rows a ledger holds (the export's progress total). */
  count(scope: LedgerScope, f: LedgerFilters, now: Date): Promise<number> {
    return this.query(scope, f, now).getCount();
  }

  private query(scope: LedgerScope, f: LedgerFilters, now: Date) {
    const qb = this.claims.createQueryBuilder('c');
    if (isBroadScope(scope)) qb.useIndex('ix_claims_submitted'); // see isBroadScope
    const cond = this.orgs.inSubtrees('c.orgId', scope);
    if (cond) qb.andWhere(cond.sql, cond.params);
    if (f.from) qb.andWhere('c.submittedAt >= :from', { from: beijingDayStart(f.from) });
    if (f.to) qb.andWhere('c.submittedAt < :to', { to: new Date(beijingDayStart(f.to).getTime() + 86_400_000) });
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.category) qb.andWhere('c.category = :category', { category: f.category });
    if (f.tier !== undefined) qb.andWhere('c.handlingTier = :tier', { tier: f.tier });
    if (f.overdue !== undefined) qb.andWhere(f.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`, { now });
    if (f.rating === 'none') qb.andWhere('c.ratingScore IS NULL');
    else if (f.rating === 'satisfied') qb.andWhere('c.ratingScore >= 4');
    else if (f.rating) qb.andWhere('c.ratingScore = :rating', { rating: Number(f.rating) });
    return qb;
  }

  private read(scope: LedgerScope, f: LedgerFilters, after: { at: Date; id: string } | null, limit: number, now: Date): Promise<Claim[]> {
    const qb = this.query(scope, f, now);
    if (after) qb.andWhere('(c.submittedAt < :at OR (c.submittedAt = :at AND c.id < :cid))', { at: after.at, cid: after.id });
    return qb.orderBy('c.submittedAt', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
  }

  private async toRows(list: Claim[], now: Date, orgNames = new Map<string, string>()): Promise<LedgerRowDto[]> {
    const missing = [...new Set(list.map((c) => c.orgId))].filter((id) => !orgNames.has(id));
    if (missing.length) for (const o of await this.orgs.findByIds(missing)) orgNames.set(o.id, o.name);
    const assigneeIds = [...new Set(list.map((c) => c.assigneeId).filter((x): x is string => !!x))];
    const people = new Map((await this.users.findByIds(assigneeIds)).map((u) => [u.id, u.nickname || (u.mobile ? maskMobile(u.mobile) : '')]));
    const day = (d: Date | null) => (d ? shanghaiDate(d) : null);
    return list.map((c) => ({
      id: c.id,
      number: c.number,
      receivedDate: shanghaiDate(c.submittedAt),
      worker: c.contactName ? maskName(c.contactName) : '',
      mobile: c.contactMobileMasked ?? '',
      employerName: c.employerName,
      category: c.category,
      categoryLabel: CATEGORY_LABEL.get(c.category) ?? c.category,
      description: c.description,
      amountFen: c.amountFen,
      orgName: orgNames.get(c.orgId) ?? '',
      assignee: c.assigneeId ? (people.get(c.assigneeId) ?? '') : '',
      tier: c.handlingTier,
      tierLabel: HANDLING_TIER_LABELS[c.handlingTier],
      dueDate: day(c.mediationDueAt ?? c.firstResponseDueAt),
      resolvedDate: day(c.resolvedAt),
      status: c.status,
      resultLabel: c.outcome ? (OUTCOME_LABEL.get(c.outcome) ?? c.outcome) : CLAIM_STATUS_LABELS[c.status],
      agreedFen: c.agreedFen,
      // confirmed by the worker (已收到) only; what an officer noted at resolve time is not counted
      recoveredFen: c.recoveredFen,
      ratingScore: c.ratingScore,
      overdue: isOverdue(c, now),
      submittedAt: c.submittedAt,
    }));
  }
}
