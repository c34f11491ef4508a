import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_TRANSITIONS } from '@nuanxin/shared';
import { In, Repository, type SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { OrgsService } from '../orgs/orgs.service';
import { decodeDeadlineCursor, encodeDeadlineCursor, isDeadlineCursor } from './claim-cursor';
import { ClaimViews } from './claim-views';
import { Claim } from './claim.entity';
import type { ClaimPageDto, ListClaimsQuery } from './dto/claim.dto';

export const QUEUE_PAGE_SIZE = 20;

/**
 * True for the city (admin) or a subtree rooted at a district or above (path `/city/district/`): there the claims in
 * scope are a large share of the table and MariaDB, left alone, reads every one of them through `ix_claims_org` and
 * sorts them (seconds at 1M claims). For such scopes the list queries name the index that already holds their
 * order, so a page reads about its own length of index entries. Narrow scopes (a street, an enterprise union) keep
 * the optimizer's choice: their few thousand claims sort quickly, while walking the ordered index for them would not.
 * The hint is MySQL-only; SQLite ignores it.
 */
export function isBroadScope(prefixes: readonly string[] | null): boolean {
  return !prefixes || prefixes.some((p) => p.split('/').filter(Boolean).length <= 2);
}

/**
 * The officers' queue: the claims of the org subtrees the caller handles, keyset-paginated. All of its SQL is
 * here. A page costs three queries whatever its length: one for the rows (the deadline order reads claims with a
 * running deadline, then those without, in one UNION ALL), then the views' orgs and photos in one query each.
 */
@Injectable()
export class ClaimQueue {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly views: ClaimViews,
  ) {}

  /**
   * `sort=deadline` (default): the deadline that applies now, earliest first, so overdue claims lead and the
   * order does not shift as the clock moves; claims without a running deadline follow, newest first.
   * `sort=newest`: by submission, newest first. Both read `ix_claims_due` (dueAt ASC, submittedAt DESC, id DESC,
   * so the index holds the deadline order exactly) / `ix_claims_submitted`.
   */
  async list(user: AuthUser, q: ListClaimsQuery, now = new Date()): Promise<ClaimPageDto> {
    const prefixes = this.access.scopePrefixes(user);
    const broad = isBroadScope(prefixes);
    const base = (index: 'ix_claims_due' | 'ix_claims_submitted') => {
      const qb = this.claims.createQueryBuilder('c');
      if (broad) qb.useIndex(index);
      const scope = this.orgs.inSubtrees('c.orgId', prefixes);
      if (scope) qb.andWhere(scope.sql, scope.params);
      if (q.status) qb.andWhere('c.status = :status', { status: q.status });
      if (q.assignee) qb.andWhere('c.assigneeId = :assignee', { assignee: q.assignee === 'me' ? user.id : q.assignee });
      // the same rule as the view's `overdue`: the deadline that applies now has passed
      if (q.overdue === true) qb.andWhere('c.dueAt IS NOT NULL AND c.dueAt < :now', { now });
      if (q.overdue === false) qb.andWhere('(c.dueAt IS NULL OR c.dueAt >= :now)', { now });
      return qb;
    };
    const newestFirst = (qb: ReturnType<typeof base>) => qb.addOrderBy('c.submittedAt', 'DESC').addOrderBy('c.id', 'DESC');
    const after = '(c.submittedAt < :at OR (c.submittedAt = :at AND c.id < :cid))';
    const sort = q.sort ?? 'deadline';
    let rows: Claim[];
    if (sort === 'newest') {
      const qb = base('ix_claims_submitted');
      if (q.cursor) {
        if (isDeadlineCursor(q.cursor)) throw DomainError.validation([{ field: 'cursor', message: '分页游标不正确，请从第一页重新加载' }]);
        const c = decodeCursor(q.cursor);
        qb.andWhere(after, { at: c.at, cid: c.id });
      }
      rows = await newestFirst(qb).take(QUEUE_PAGE_SIZE + 1).getMany();
    } else {
      const cur = q.cursor ? decodeDeadlineCursor(q.cursor) : null;
      // claims with a running deadline (none once the cursor has passed them), then — unless only overdue ones are
      // asked for — those without, newest first; both parts in one statement when both may be needed
      const running = !cur || cur.dueAt ? base('ix_claims_due').andWhere('c.dueAt IS NOT NULL') : null;
      if (running && cur) running.andWhere(`(c.dueAt > :due OR (c.dueAt = :due AND ${after}))`, { due: cur.dueAt, at: cur.submittedAt, cid: cur.id });
      const rest = q.overdue === true ? null : base('ix_claims_submitted').andWhere('c.dueAt IS NULL');
      if (rest && cur && !cur.dueAt) rest.andWhere(after, { at: cur.submittedAt, cid: cur.id });
      const parts = [running && newestFirst(running.orderBy('c.dueAt', 'ASC')), rest && newestFirst(rest)].filter((x): x is NonNullable<typeof x> => !!x);
      rows = await this.firstOf(parts, QUEUE_PAGE_SIZE + 1);
    }
    const page = rows.slice(0, QUEUE_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: await this.views.page(user, page),
      nextCursor: rows.length > QUEUE_PAGE_SIZE ? (sort === 'newest' ? encodeCursor(last) : encodeDeadlineCursor(last)) : null,
    };
  }

  /**
   * The first `limit` claims of the deadline order's parts taken in turn, in one statement: each part limited in a
   * derived table (so each keeps its own index and order), joined by UNION ALL, the rows mapped to claims by
   * TypeORM's own transformer, then put in the page's order here (a union promises no order): part, deadline,
   * newest, id.
   */
  private async firstOf(parts: Array<SelectQueryBuilder<Claim>>, limit: number): Promise<Claim[]> {
    if (parts.length === 1) return parts[0].limit(limit).getMany();
    const sql: string[] = [];
    const params: unknown[] = [];
    parts.forEach((qb, i) => {
      const [text, p] = qb.addSelect(`${i}`, 'part_no').limit(limit).getQueryAndParameters();
      sql.push(`SELECT * FROM (${text}) part_${i}`);
      params.push(...p);
    });
    const raw = (await this.claims.query(sql.join(' UNION ALL '), params)) as Array<Record<string, unknown>>;
    const partOf = new Map(raw.map((r) => [String(r.c_id), Number(r.part_no)]));
    const transformer = new RawSqlResultsToEntityTransformer(parts[0].expressionMap, this.claims.manager.connection.driver, [], undefined);
    const claims = transformer.transform(raw, parts[0].expressionMap.mainAlias!) as Claim[];
    const time = (d: Date | null) => d?.getTime() ?? 0;
    return claims
      .sort((a, b) => partOf.get(a.id)! - partOf.get(b.id)! || time(a.dueAt) - time(b.dueAt) || time(b.submittedAt) - time(a.submittedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, limit);
  }

  /** The 诉求办理 badge: claims assigned to the caller that wait for 受理 (a range count on `ix_claims_assignee_status`). */
  awaitingMine(user: AuthUser): Promise<number> {
    return this.claims.countBy({ assigneeId: user.id, status: In([...CLAIM_TRANSITIONS.accept.from]) });
  }
}
