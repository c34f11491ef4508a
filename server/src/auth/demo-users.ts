import type { Role } from '@nuanxin/shared';

/** The demo city's people, offered by dev login (DEV_LOGIN=true only) and written by the demo seed. */
export interface DemoUser {
  openid: string;
  label: string;
  roles: Role[];
  orgCode: string | null;
}

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
