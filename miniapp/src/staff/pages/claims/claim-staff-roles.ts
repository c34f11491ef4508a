import { Role } from '@nuanxin/shared';

/** Who handles claims (the server checks the role and the org scope again). */
export const CLAIM_STAFF_ROLES = [Role.OFFICER, Role.ADMIN] as const;
