import type { Me } from '../services/auth';
import { rolesOf } from '../utils/user-display';

/** The orgs whose subtree the user administers (officer or admin grants), each once, in grant order. */
export function adminOrgCodes(user: Me | null): string[] {
  const codes = rolesOf(user, ['officer', 'admin']).map((r) => r.orgCode).filter((c): c is string => !!c);
  return [...new Set(codes)];
}

export const isAdmin = (user: Me | null) => rolesOf(user, ['admin']).length > 0;
