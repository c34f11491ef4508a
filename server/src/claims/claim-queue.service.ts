import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_TRANSITIONS } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
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
 * here. A page costs at most five queries whatever its length: one or two for the rows (the deadline order reads
 * claims with a running deadline, then those without), then the views' orgs and photos in one query each.
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
      rows = [];
      if (!cur || cur.dueAt) {
        const qb = base('ix_claims_due').andWhere('c.dueAt IS NOT NULL');
        if (cur) qb.andWhere(`(c.dueAt > :due OR (c.dueAt = :due AND ${after}))`, { due: cur.dueAt, at: cur.submittedAt, cid: cur.id });
        rows = await newestFirst(qb.orderBy('c.dueAt', 'ASC')).take(QUEUE_PAGE_SIZE + 1).getMany();
      }
      if (rows.length <= QUEUE_PAGE_SIZE) {
        const qb = base('ix_claims_submitted').andWhere('c.dueAt IS NULL');
        if (cur && !cur.dueAt) qb.andWhere(after, { at: cur.submittedAt, cid: cur.id });
        rows.push(...(await newestFirst(qb).take(QUEUE_PAGE_SIZE + 1 - rows.length).getMany()));
      }
    }
    const page = rows.slice(0, QUEUE_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      items: await this.views.page(user, page),
      nextCursor: rows.length > QUEUE_PAGE_SIZE ? (sort === 'newest' ? encodeCursor(last) : encodeDeadlineCursor(last)) : null,
    };
  }

  /** The 诉求办理 badge: claims assigned to the caller that wait for 受理 (a range count on `ix_claims_assignee_status`). */
  awaitingMine(user: AuthUser): Promise<number> {
    return this.claims.countBy({ assigneeId: user.id, status: In([...CLAIM_TRANSITIONS.accept.from]) });
  }
}
