import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { maskMobile, ROLES, type Role } from '@nuanxin/shared';
import { In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { newId } from '../database/columns';
import { OrgsService } from '../orgs/orgs.service';
import { UserRole } from './user-role.entity';
import { User } from './user.entity';

export interface MeView {
  id: string;
  nickname: string | null;
  mobileMasked: string | null;
  roles: Array<{ role: Role; orgId: string | null; orgCode: string | null; orgName: string | null }>;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserRole) private readonly roles: Repository<UserRole>,
    private readonly orgs: OrgsService,
  ) {}

  /** The caller with every grant and the path of each granted org (used by the guard on every request). */
  async loadAuthUser(id: string): Promise<AuthUser | null> {
    return (await this.loadAuthUsers([id])).get(id) ?? null;
  }

  /**
   * Several callers at once (the guard shares one read among the requests that arrive together): one statement
   * for the users and their grants, one for the granted orgs' paths. Plain SQL: the query builder's own work
   * cost more CPU than the statement on every authenticated request.
   */
  async loadAuthUsers(ids: readonly string[]): Promise<Map<string, AuthUser>> {
    const unique = [...new Set(ids)];
    const out = new Map<string, AuthUser>();
    if (!unique.length) return out;
    const rows: Array<{ id: string; role: Role | null; orgId: string | null; scopeRef: string | null }> = await this.users.query(
      `SELECT u.id AS id, r.role AS role, r.orgId AS orgId, r.scopeRef AS scopeRef FROM ${this.users.metadata.tableName} u ` +
        `LEFT JOIN ${this.roles.metadata.tableName} r ON r.userId = u.id WHERE u.id IN (${unique.map(() => '?').join(', ')})`,
      unique,
    );
    const orgIds = rows.map((g) => g.orgId).filter((x): x is string => !!x);
    const pathOf = new Map((await this.orgs.findByIds(orgIds)).map((o) => [o.id, o.path]));
    for (const r of rows) {
      let user = out.get(r.id);
      if (!user) out.set(r.id, (user = { id: r.id, grants: [] }));
      if (r.role !== null) user.grants.push({ role: r.role, orgId: r.orgId, orgPath: r.orgId ? (pathOf.get(r.orgId) ?? null) : null, scopeRef: r.scopeRef });
    }
    return out;
  }

  async me(id: string): Promise<MeView | null> {
    const user = await this.users.findOneBy({ id });
    if (!user) return null;
    // Stable order for the UI: by role rank (worker first), then by when granted.
    const grants = (await this.roles.find({ where: { userId: id }, order: { createdAt: 'ASC' } })).sort(
      (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
    );
    const orgIds = grants.map((g) => g.orgId).filter((x): x is string => !!x);
    const orgs = await this.orgs.findByIds(orgIds);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return {
      id: user.id,
      nickname: user.nickname,
      mobileMasked: user.mobile ? maskMobile(user.mobile) : null,
      roles: grants.map((g) => ({
        role: g.role,
        orgId: g.orgId,
        orgCode: g.orgId ? (byId.get(g.orgId)?.code ?? null) : null,
        orgName: g.orgId ? (byId.get(g.orgId)?.name ?? null) : null,
      })),
    };
  }

  /** A user by a unique login key (openid or mobile hash). */
  findByLogin(where: { openid: string } | { mobileHash: string }): Promise<User | null> {
    return this.users.findOneBy(where);
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    const unique = [...new Set(ids)];
    return unique.length ? this.users.findBy({ id: In(unique) }) : Promise.resolve([]);
  }

  /** Mini-program openids of these users (H5-only users have none): where WeChat messages can reach. */
  async openidsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const users = await this.findByIds(ids);
    return new Map(users.filter((u) => u.openid).map((u) => [u.id, u.openid!]));
  }

  /** Who holds `role` on exactly these orgs (not their subtrees): "who are the officers of org X". */
  async holdersOf(orgIds: readonly string[], role: Role = 'officer'): Promise<Array<{ userId: string; orgId: string }>> {
    const unique = [...new Set(orgIds)];
    if (!unique.length) return [];
    const grants = await this.roles.find({ where: { orgId: In(unique), role }, select: { userId: true, orgId: true } });
    return grants.map((g) => ({ userId: g.userId, orgId: g.orgId! }));
  }

  /** The officers of one org, sorted by id (a stable order for tie-breaking). */
  async officersOf(orgId: string): Promise<string[]> {
    return [...new Set((await this.holdersOf([orgId])).map((g) => g.userId))].sort();
  }

  /** The station masters of one station. */
  async mastersOf(stationId: string): Promise<string[]> {
    const grants = await this.roles.find({ where: { role: 'station_master', scopeRef: stationId }, select: { userId: true } });
    return [...new Set(grants.map((g) => g.userId))].sort();
  }

  /** The users of one merchant (their `merchant` grants name it). */
  async merchantUsersOf(merchantId: string): Promise<string[]> {
    const grants = await this.roles.find({ where: { role: 'merchant', scopeRef: merchantId }, select: { userId: true } });
    return [...new Set(grants.map((g) => g.userId))].sort();
  }

  async holds(userId: string, role: Role, orgId: string): Promise<boolean> {
    return this.roles.existsBy({ userId, role, orgId });
  }

  /** Adds one grant unless the user already holds it (same role, org and scope): the grant, and whether it is new. */
  async grantIn(em: EntityManager, userId: string, g: { role: Role; orgId: string | null; scopeRef: string | null }): Promise<{ grant: UserRole; created: boolean }> {
    const held = await em.findOneBy(UserRole, { userId, role: g.role, orgId: g.orgId ?? IsNull(), scopeRef: g.scopeRef ?? IsNull() });
    if (held) return { grant: held, created: false };
    const grant = em.create(UserRole, { id: newId(), userId, role: g.role, orgId: g.orgId, scopeRef: g.scopeRef, createdAt: new Date() });
    await em.insert(UserRole, grant);
    return { grant, created: true };
  }

  findGrant(id: string): Promise<UserRole | null> {
    return this.roles.findOneBy({ id });
  }

  /** Removes one grant; false when it was already gone (a concurrent revoke). */
  async revokeIn(em: EntityManager, id: string): Promise<boolean> {
    return ((await em.delete(UserRole, { id })).affected ?? 0) > 0;
  }

  /**
   * The admin grants on an org inside the caller's transaction; `lock` row-locks them (MySQL), so two admins
   * revoking each other at once are serialised and the second sees that only one is left.
   */
  adminGrantsIn(em: EntityManager, orgId: string, lock: boolean): Promise<UserRole[]> {
    return em.find(UserRole, { where: { role: 'admin', orgId }, order: { id: 'ASC' }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Staff grants (every role but worker) bound to these orgs, oldest first. */
  staffGrantsOn(orgIds: readonly string[]): Promise<UserRole[]> {
    const unique = [...new Set(orgIds)];
    if (!unique.length) return Promise.resolve([]);
    return this.roles.find({ where: { orgId: In(unique), role: Not('worker') }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Every new user starts as a worker. */
  async createWithWorkerRole(fields: Partial<User>): Promise<User> {
    const now = new Date();
    const user = this.users.create({ id: newId(), createdAt: now, lastLoginAt: now, ...fields });
    await this.users.insert(user);
    await this.roles.insert(this.roles.create({ id: newId(), userId: user.id, role: 'worker', orgId: null, scopeRef: null, createdAt: now }));
    return user;
  }

  async touchLogin(user: User): Promise<void> {
    await this.users.update({ id: user.id }, { lastLoginAt: new Date() });
  }

  /** Replaces the user's grants (dev login and seeding only). */
  async setGrants(userId: string, grants: Array<{ role: Role; orgId: string | null; scopeRef?: string | null }>): Promise<void> {
    await this.roles.delete({ userId });
    const now = new Date();
    for (const g of grants) {
      await this.roles.insert(
        this.roles.create({ id: newId(), userId, role: g.role, orgId: g.orgId, scopeRef: g.scopeRef ?? null, createdAt: now }),
      );
    }
  }
}
