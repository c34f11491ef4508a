import type { Role } from '@nuanxin/shared';

/** 台账, its export and the dashboard: officers (their org subtree) and admins (the city). */
export const LEDGER_ROLES: readonly Role[] = ['officer', 'admin'];
