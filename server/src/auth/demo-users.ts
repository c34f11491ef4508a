import type { Role } from '@nuanxin/shared';

/** The demo city's people, offered by dev login (DEV_LOGIN=true only) and written by the demo seed. */
export interface DemoUser {
  openid: string;
  label: string;
  roles: Role[];
  orgCode: string | null;
  /** Listed together under this heading on the login page, each by `short` (the six districts' catch-all officers). */
  group?: string;
  short?: string;
}

/** The districts with a catch-all union (新就业形态劳动者联合工会) in the demo city, as the seed names them. */
const CATCH_ALL_DISTRICTS: Array<[string, string]> = [
  ['SM', '思明区'],
  ['HL', '湖里区'],
  ['JM', '集美区'],
  ['HC', '海沧区'],
  ['TA', '同安区'],
  ['XA', '翔安区'],
];

/** The group heading of the catch-all officers on the login page. */
export const CATCH_ALL_OFFICERS_GROUP = '各区新就业形态劳动者联合工会 干部';

/**
 * One officer per district catch-all union: a non-member whose employer has no union lands there (有人管), so the
 * demo shows that routing instead of every such claim going up to the district federation.
 */
export const CATCH_ALL_OFFICERS: DemoUser[] = CATCH_ALL_DISTRICTS.map(([code, name]) => ({
  openid: `demo-officer-${code.toLowerCase()}-xjy`,
  label: `${name}新就业形态劳动者联合工会 干部`,
  roles: ['officer'],
  orgCode: `XM-${code}-XJY`,
  group: CATCH_ALL_OFFICERS_GROUP,
  short: name,
}));

/** One demo user per role (README lists them); log in with POST /api/auth/dev outside production. */
export const DEMO_USERS: DemoUser[] = [
  { openid: 'demo-worker', label: '骑手 小李（职工）', roles: ['worker'], orgCode: null },
  { openid: 'demo-officer-sm', label: '思明区总工会 干部', roles: ['officer'], orgCode: 'XM-SM' },
  { openid: 'demo-officer-hl', label: '湖里区总工会 干部', roles: ['officer'], orgCode: 'XM-HL' },
  { openid: 'demo-officer-mt', label: '美团骑手联合工会 干部', roles: ['officer'], orgCode: 'XM-MT' },
  { openid: 'demo-station-master', label: '中山路工会驿站 站长', roles: ['station_master'], orgCode: null },
  { openid: 'demo-merchant', label: '商户 骑手食堂（中山路店）', roles: ['merchant'], orgCode: null },
  { openid: 'demo-admin', label: '厦门市总工会 管理员', roles: ['admin'], orgCode: 'XM' },
];

/** Everyone the demo seed creates and the login page offers: with the catch-all officers unless they are turned off. */
export function demoUsers(withCatchAllOfficers: boolean): DemoUser[] {
  return withCatchAllOfficers ? [...DEMO_USERS, ...CATCH_ALL_OFFICERS] : DEMO_USERS;
}
