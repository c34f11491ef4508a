import { Role } from '@nuanxin/shared';

/** Who may open each staff tool; the server checks the same roles (and the org scope) again. */
export const TOOL_ROLES = {
  applications: [Role.OFFICER, Role.ADMIN],
  stats: [Role.OFFICER, Role.ADMIN],
  verify: [Role.STATION_MASTER, Role.MERCHANT, Role.OFFICER, Role.ADMIN],
  wishScreening: [Role.OFFICER, Role.ADMIN],
  // The server lists a master's own stations only.
  wishHandover: [Role.STATION_MASTER],
  // Administration: officers in their org's subtree, admins city-wide (the server checks the subtree).
  orgs: [Role.OFFICER, Role.ADMIN],
  staff: [Role.OFFICER, Role.ADMIN],
  stationNew: [Role.OFFICER, Role.ADMIN],
  orgImport: [Role.ADMIN],
  audit: [Role.ADMIN],
} as const satisfies Record<string, readonly Role[]>;
