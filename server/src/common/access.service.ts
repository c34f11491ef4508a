import { Injectable } from '@nestjs/common';
import type { Role } from '@nuanxin/shared';
import { DomainError } from './domain-error';
import type { AuthUser } from './auth-user';

/** What an org-bound check needs from an org. */
export interface Scoped {
  path: string;
}

/**
 * The one answer to "may this user act on this org or object?". Admins act city-wide; officers on their
 * org's subtree; everyone else on nothing org-wide. Feature services call this before loading or changing data.
 */
@Injectable()
export class AccessService {
  /** Org-scoped roles that may act on `target` (an org or an object carrying its org's path). */
  canActOnOrg(user: AuthUser, target: Scoped, roles: Role[] = ['officer']): boolean {
    return user.grants.some(
      (g) => g.role === 'admin' || (roles.includes(g.role) && !!g.orgPath && target.path.startsWith(g.orgPath)),
    );
  }

  assertOrgInScope(user: AuthUser, target: Scoped, roles: Role[] = ['officer']): void {
    if (!this.canActOnOrg(user, target, roles)) throw new DomainError(403, 'ORG_OUT_OF_SCOPE');
  }

  /** Objects owned by one user: anyone else gets 404, so existence does not leak. */
  assertOwner(user: AuthUser, ownerId: string): void {
    if (user.id !== ownerId) throw DomainError.notFound();
  }

  /**
   * SQL for list queries: rows whose org (joined as `alias`) lies in the user's subtrees. `null` = city-wide
   * (no condition); an empty prefix list yields a condition that matches nothing.
   */
  scopeCondition(prefixes: string[] | null, alias = 'o'): { sql: string; params: Record<string, string> } | null {
    if (!prefixes) return null;
    if (!prefixes.length) return { sql: '1 = 0', params: {} };
    return {
      sql: `(${prefixes.map((_, i) => `${alias}.path LIKE :scope${i}`).join(' OR ')})`,
      params: Object.fromEntries(prefixes.map((p, i) => [`scope${i}`, `${p}%`])),
    };
  }

  /** Path prefixes the user's officer grants cover, for list queries; null means city-wide (admin). */
  scopePrefixes(user: AuthUser, roles: Role[] = ['officer']): string[] | null {
    if (user.grants.some((g) => g.role === 'admin')) return null;
    return user.grants.filter((g) => roles.includes(g.role) && g.orgPath).map((g) => g.orgPath!);
  }
}
