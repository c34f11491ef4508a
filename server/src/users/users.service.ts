import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { maskMobile, ROLES, type Role } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
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
    const user = await this.users.findOne({ where: { id }, select: { id: true } });
    if (!user) return null;
    const grants = await this.roles.find({ where: { userId: id } });
    const orgIds = grants.map((g) => g.orgId).filter((x): x is string => !!x);
    const orgs = await this.orgs.findByIds(orgIds);
    const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
    return {
      id,
      grants: grants.map((g) => ({
        role: g.role,
        orgId: g.orgId,
        orgPath: g.orgId ? (pathOf.get(g.orgId) ?? null) : null,
        scopeRef: g.scopeRef,
      })),
    };
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

  async holds(userId: string, role: Role, orgId: string): Promise<boolean> {
    return this.roles.existsBy({ userId, role, orgId });
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
