import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isValidChildLevel, ORG_LEVELS, type OrgLevel } from '@nuanxin/shared';
import { In, IsNull, Like, Repository, type EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { Org } from './org.entity';

export interface NewOrg {
  code: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  autoApprove?: boolean;
  catchAll?: boolean;
  isMediationCentre?: boolean;
  mediationWorkdays?: number | null;
}

export interface OrgSearch {
  q?: string;
  level?: OrgLevel;
  /** Only orgs a claim may name as the employer: enterprise level, neither a district catch-all nor the mediation centre. */
  employer?: boolean;
  limit: number;
}

export interface OrgSearchHit {
  code: string;
  name: string;
  level: OrgLevel;
  parentName: string | null;
  autoApprove: boolean;
}

/** `%`, `_` and the escape character itself match literally inside a LIKE pattern written with ESCAPE '!'. */
export const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/** The org tree. Descendant and ancestor queries use the materialised path only (no recursive SQL). */
@Injectable()
export class OrgsService {
  constructor(@InjectRepository(Org) private readonly orgs: Repository<Org>) {}

  /**
   * Exact, case-sensitive lookup on every database. MariaDB's utf8mb4_unicode_ci would match `xm-mt` to `XM-MT`
   * while SQLite would not; the indexed lookup finds the (at most one, see `create`) candidate and the
   * comparison here decides, so both dialects answer the same.
   */
  async findByCode(code: string): Promise<Org | null> {
    const org = await this.orgs.findOneBy({ code });
    return org && org.code === code ? org : null;
  }

  /** Codes differing only in letter case would be unique on SQLite but collide on MariaDB: refuse them on both. */
  private codeTakenIgnoringCase(code: string): Promise<boolean> {
    return this.orgs
      .createQueryBuilder('o')
      .where('LOWER(o.code) = :code', { code: code.toLowerCase() })
      .getExists();
  }

  /**
   * Public search over active orgs: `q` matches the name or the code, case-insensitively, as a literal substring.
   * Sorted by level (city → enterprise), then by name in code-point order on both dialects, then by code.
   */
  async search(s: OrgSearch): Promise<OrgSearchHit[]> {
    const mysql = this.orgs.manager.connection.options.type !== 'better-sqlite3';
    const levelOrder = `CASE o.level ${ORG_LEVELS.map((l, i) => `WHEN '${l}' THEN ${i}`).join(' ')} ELSE ${ORG_LEVELS.length} END`;
    const qb = this.orgs
      .createQueryBuilder('o')
      .leftJoin(Org, 'p', 'p.id = o.parentId')
      .select(['o.code AS code', 'o.name AS name', 'o.level AS level', 'o.autoApprove AS autoApprove', 'p.name AS parentName'])
      .where('o.active = :active', { active: true });
    const q = s.q?.trim().toLowerCase();
    if (q) qb.andWhere("(LOWER(o.name) LIKE :q ESCAPE '!' OR LOWER(o.code) LIKE :q ESCAPE '!')", { q: `%${escapeLike(q)}%` });
    if (s.level) qb.andWhere('o.level = :level', { level: s.level });
    if (s.employer) {
      qb.andWhere('o.level = :employerLevel AND o.catchAll = :no AND o.isMediationCentre = :no', { employerLevel: 'enterprise', no: false });
    }
    const rows = await qb
      .orderBy(levelOrder, 'ASC')
      .addOrderBy(mysql ? 'o.name COLLATE utf8mb4_bin' : 'o.name', 'ASC')
      .addOrderBy(mysql ? 'o.code COLLATE utf8mb4_bin' : 'o.code', 'ASC')
      .limit(s.limit)
      .getRawMany<{ code: string; name: string; level: OrgLevel; autoApprove: unknown; parentName: string | null }>();
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentName: r.parentName ?? null, autoApprove: Number(r.autoApprove) === 1 || r.autoApprove === true }));
  }

  /** Many orgs at once (views, grants); missing ids are simply absent. */
  findByIds(ids: readonly string[]): Promise<Org[]> {
    const unique = [...new Set(ids)];
    return unique.length ? this.orgs.findBy({ id: In(unique) }) : Promise.resolve([]);
  }

  /**
   * SQL for another feature's list query: rows whose `column` names an org inside one of the subtrees given by
   * path prefixes (`null` = everywhere, no condition; `[]` = nowhere). The org table stays this module's: the
   * caller gets a condition, never the entity.
   */
  inSubtrees(column: string, prefixes: readonly string[] | null): { sql: string; params: Record<string, string> } | null {
    if (!prefixes) return null;
    if (!prefixes.length) return { sql: '1 = 0', params: {} };
    const params = Object.fromEntries(prefixes.map((p, i) => [`subtree${i}`, `${escapeLike(p)}%`]));
    const sub = this.orgs
      .createQueryBuilder('subtree_org')
      .select('subtree_org.id')
      .where(`(${prefixes.map((_, i) => `subtree_org.path LIKE :subtree${i} ESCAPE '!'`).join(' OR ')})`)
      .getQuery();
    return { sql: `${column} IN (${sub})`, params };
  }

  /** The district's catch-all union (工会联合会 for workers whose employer has none), if it has an active one. */
  catchAllOf(district: Org): Promise<Org | null> {
    return this.orgs.findOneBy({ parentId: district.id, catchAll: true, active: true });
  }

  /** Every org (a city's tree is a few thousand rows): bulk imports check codes against it. */
  all(): Promise<Org[]> {
    return this.orgs.find();
  }

  findById(id: string): Promise<Org | null> {
    return this.orgs.findOneBy({ id });
  }

  async getByCode(code: string): Promise<Org> {
    const org = await this.findByCode(code);
    if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
    return org;
  }

  /** The org and everything below it, ordered top-down. */
  descendants(org: Org, includeSelf = true): Promise<Org[]> {
    return this.orgs
      .find({ where: { path: Like(`${org.path}%`) }, order: { depth: 'ASC', code: 'ASC' } })
      .then((list) => (includeSelf ? list : list.filter((o) => o.id !== org.id)));
  }

  /** Root first, the org itself last. */
  async ancestors(org: Org, includeSelf = true): Promise<Org[]> {
    const ids = org.path.split('/').filter(Boolean);
    const list = await this.orgs.findBy({ id: In(ids) });
    const byId = new Map(list.map((o) => [o.id, o]));
    const chain = ids.map((id) => byId.get(id)).filter((o): o is Org => !!o);
    return includeSelf ? chain : chain.slice(0, -1);
  }

  children(org: Org): Promise<Org[]> {
    return this.orgs.find({ where: { parentId: org.id }, order: { code: 'ASC' } });
  }

  /** Validates level order and code uniqueness, then inserts with its path (in the caller's transaction when given). */
  async create(input: NewOrg, em: EntityManager = this.orgs.manager): Promise<Org> {
    let parent: Org | null = null;
    if (input.parentId) {
      parent = await this.findById(input.parentId);
      if (!parent) throw new DomainError(404, 'ORG_NOT_FOUND');
      if (!isValidChildLevel(parent.level, input.level)) {
        throw DomainError.validation([{ field: 'level', message: '下级组织的层级必须低于上级组织' }]);
      }
    } else if (input.level !== 'city') {
      throw DomainError.validation([{ field: 'parentCode', message: '只有市总工会可以没有上级组织' }]);
    }
    if (await this.codeTakenIgnoringCase(input.code)) {
      throw new DomainError(409, 'CONFLICT', '组织编码已被使用，请换一个', [{ field: 'code', message: '组织编码已被使用' }]);
    }
    const org = this.build(input, parent);
    await em.insert(Org, org);
    return org;
  }

  /** The tree's roots (a city deployment has one: the 市总工会 made by the bootstrap command). */
  roots(): Promise<Org[]> {
    return this.orgs.find({ where: { parentId: IsNull() }, order: { code: 'ASC' } });
  }

  /**
   * Inserts an org the caller has already checked (bulk import), inside the caller's transaction. The parent may
   * be one inserted earlier in the same transaction.
   */
  async insertIn(em: EntityManager, input: Omit<NewOrg, 'parentId'>, parent: Org | null): Promise<Org> {
    const org = this.build(input, parent);
    await em.insert(Org, org);
    return org;
  }

  /** Updates an org's own fields (never its place in the tree) inside the caller's transaction. */
  async updateIn(em: EntityManager, id: string, patch: Partial<Pick<Org, 'name' | 'autoApprove' | 'catchAll' | 'isMediationCentre' | 'mediationWorkdays'>>): Promise<void> {
    await em.update(Org, { id }, { ...patch, updatedAt: new Date() });
  }

  private build(input: Omit<NewOrg, 'parentId'>, parent: Org | null): Org {
    const id = newId();
    const now = new Date();
    return this.orgs.create({
      id,
      code: input.code,
      name: input.name,
      level: input.level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      autoApprove: input.autoApprove ?? false,
      catchAll: input.catchAll ?? false,
      isMediationCentre: input.isMediationCentre ?? false,
      mediationWorkdays: input.mediationWorkdays ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }
}
