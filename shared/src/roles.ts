export const Role = {
  WORKER: 'worker',
  OFFICER: 'officer',
  STATION_MASTER: 'station_master',
  MERCHANT: 'merchant',
  ADMIN: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  worker: '职工',
  officer: '工会干部',
  station_master: '驿站站长',
  merchant: '商户',
  admin: '市总管理员',
};

/** Staff roles see the staff subpackage entry in 我的. */
export const STAFF_ROLES: readonly Role[] = [Role.OFFICER, Role.STATION_MASTER, Role.MERCHANT, Role.ADMIN];

export const OrgLevel = {
  CITY: 'city',
  DISTRICT: 'district',
  STREET: 'street',
  ENTERPRISE: 'enterprise',
} as const;
export type OrgLevel = (typeof OrgLevel)[keyof typeof OrgLevel];
export const ORG_LEVELS: readonly OrgLevel[] = Object.values(OrgLevel);

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市总工会',
  district: '区总工会',
  street: '街道（镇）工会',
  enterprise: '企业（平台）工会',
};

/** A child's level must be strictly below its parent's. */
export function isValidChildLevel(parent: OrgLevel, child: OrgLevel): boolean {
  return ORG_LEVELS.indexOf(child) > ORG_LEVELS.indexOf(parent);
}

/** Org codes appear in WeChat QR `scene` (≤ 32 visible chars). */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export function isValidOrgCode(code: string): boolean {
  return ORG_CODE_PATTERN.test(code);
}
