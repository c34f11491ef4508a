/** Claim page paths (app.config.ts registers them; the server's inbox links use the detail paths). */
export const CLAIM_ROUTES = {
  mine: '/pages/claims/index',
  create: '/pages/claims/new',
  detail: '/pages/claims/detail',
  /** 工会数据: public figures, no login. */
  figures: '/pages/claims/figures',
  staffQueue: '/staff/pages/claims/index',
  staffDetail: '/staff/pages/claim/index',
  staffLedger: '/staff/pages/ledger/index',
  staffDashboard: '/staff/pages/dashboard/index',
} as const;
