import type { Role } from '@nuanxin/shared';

/** A role grant as the access checks see it (org path resolved once per request). */
export interface RoleGrant {
  role: Role;
  orgId: string | null;
  orgPath: string | null;
  scopeRef: string | null;
}

/** The authenticated caller, attached to the request by the auth guard. */
export interface AuthUser {
  id: string;
  grants: RoleGrant[];
  /** The request this caller is acting in (x-request-id): audit rows written for it carry it. */
  requestId?: string;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.grants.some((g) => roles.includes(g.role));
}
