import { Role } from '@nuanxin/shared';

/** Who may open the station tools; the server checks again (station masters: their own station only). */
export const STATION_TOOL_ROLES: readonly Role[] = [Role.STATION_MASTER, Role.OFFICER, Role.ADMIN];
