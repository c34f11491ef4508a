import { maskMobile, ROLE_LABELS, STAFF_ROLES, type Role } from '@nuanxin/shared';
import type { Me, MeRole } from '../services/session';

/** Masked mobile first (the server already masks; masking again guards against a slip), then nickname. */
export function displayName(user: Me): string {
  if (user.mobileMasked) return maskMobile(user.mobileMasked);
  return user.nickname || '微信用户';
}

/** `工会干部 · 思明区总工会`; a role without an org shows its label only. */
export function roleLine(role: MeRole): string {
  const label = ROLE_LABELS[role.role] ?? role.role;
  return role.orgName ? `${label} · ${role.orgName}` : label;
}

export function staffRoles(user: Me | null): MeRole[] {
  return user ? user.roles.filter((r) => STAFF_ROLES.includes(r.role as Role)) : [];
}

export function isStaff(user: Me | null): boolean {
  return staffRoles(user).length > 0;
}

export function rolesOf(user: Me | null, roles: readonly Role[]): MeRole[] {
  return user ? user.roles.filter((r) => roles.includes(r.role)) : [];
}

export function hasAnyRole(user: Me | null, roles: readonly Role[]): boolean {
  return rolesOf(user, roles).length > 0;
}
