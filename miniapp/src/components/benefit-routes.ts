/** Member-benefit page paths (app.config.ts registers them; the server's notices link to the coupon page). */
export const BENEFIT_ROUTES = {
  tab: '/pages/benefits/index',
  wallet: '/pages/benefit/wallet',
  coupon: '/pages/benefit/coupon',
  staffRedeem: '/staff/pages/redeem/index',
  staffRedemptions: '/staff/pages/redemptions/index',
  staffCampaigns: '/staff/pages/campaigns/index',
  staffCampaignEdit: '/staff/pages/campaign-edit/index',
  staffSettlement: '/staff/pages/settlement/index',
} as const;

export function benefitUrl(path: string, id: string): string {
  return `${path}?id=${encodeURIComponent(id)}`;
}
