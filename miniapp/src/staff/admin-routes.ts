/** The administration pages of the staff subpackage (app.config.ts registers the same pages). */
export const ADMIN_ROUTES = {
  orgs: '/staff/pages/orgs/index',
  staff: '/staff/pages/staff/index',
  orgImport: '/staff/pages/org-import/index',
  audit: '/staff/pages/audit/index',
  stationNew: '/staff/pages/station-new/index',
} as const;
