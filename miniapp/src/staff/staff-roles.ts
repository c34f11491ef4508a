import { Role } from '@nuanxin/shared';

/** Who may open each staff tool; the server checks the same roles (and the org scope) again. */
export const TOOL_ROLES = {
  applications: [Role.OFFICER, Role.ADMIN],
  stats: [Role.OFFICER, Role.ADMIN],
  verify: [Role.STATION_MASTER, Role.MERCHANT, Role.OFFICER, Role.ADMIN],
  wishScreening: [Role.OFFICER, Role.ADMIN],
  // the org's value cap and yearly limit, and its wish figures (the server checks the subtree)
  wishSettings: [Role.OFFICER, Role.ADMIN],
  // The server lists a master's own stations only.
  wishHandover: [Role.STATION_MASTER],
  // Administration: officers in their org's subtree, admins city-wide (the server checks the subtree).
  orgs: [Role.OFFICER, Role.ADMIN],
  staff: [Role.OFFICER, Role.ADMIN],
  stationNew: [Role.OFFICER, Role.ADMIN],
  orgImport: [Role.ADMIN],
  audit: [Role.ADMIN],
  // 会员优惠: the till and its list are the merchant's; officers and admin run campaigns (a merchant proposes one for
  // its own shop) and everyone of them sees the settlement of what they may see (the server scopes it).
  redeem: [Role.MERCHANT],
  campaigns: [Role.OFFICER, Role.ADMIN, Role.MERCHANT],
  settlement: [Role.OFFICER, Role.ADMIN, Role.MERCHANT],
} as const satisfies Record<string, readonly Role[]>;
