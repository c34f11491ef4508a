import {
  CAMPAIGN_STATE_LABELS,
  CAMPAIGN_STATUS_LABELS,
  campaignState,
  COUPON_STATUS_LABELS,
  couponTitle,
  type CampaignListItem,
  type CouponSpec,
  type CouponStatus,
  type OrgRef,
  type PackLine,
  type WalletItem,
} from '@nuanxin/shared';
import type { Campaign } from './campaign.entity';
import type { Coupon } from './coupon.entity';

export const specOf = (c: Pick<Coupon, 'kind' | 'thresholdFen' | 'discountFen' | 'percentOff' | 'capFen'>): CouponSpec => ({
  kind: c.kind,
  thresholdFen: c.thresholdFen,
  discountFen: c.discountFen,
  percentOff: c.percentOff,
  capFen: c.capFen,
});

/** A coupon's status as of `now`: an unused coupon past its end is expired even before the job marks it. */
export function couponStatusAt(c: Pick<Coupon, 'status' | 'validUntil'>, now: Date): CouponStatus {
  if (c.status === 'available' && c.validUntil.getTime() <= now.getTime()) return 'expired';
  return c.status;
}

export function walletItem(c: Coupon, campaign: Campaign, org: OrgRef, now: Date): WalletItem {
  const spec = specOf(c);
  const status = couponStatusAt(c, now);
  return {
    id: c.id,
    campaignId: c.campaignId,
    campaignTitle: campaign.title,
    title: couponTitle(spec),
    spec,
    status,
    statusLabel: COUPON_STATUS_LABELS[status],
    validFrom: c.validFrom.toISOString(),
    validUntil: c.validUntil.toISOString(),
    claimedAt: c.claimedAt.toISOString(),
    usedAt: c.usedAt?.toISOString() ?? null,
    merchantScope: campaign.merchantIds.length ? 'list' : 'all',
    org,
  };
}

export function packLines(campaign: Campaign): PackLine[] {
  return campaign.items.map((it) => ({ ...it, title: couponTitle(it) }));
}

/** What one member's claims of a campaign allow now. */
export interface MyClaims {
  total: number;
  today: number;
}

export function campaignListItem(c: Campaign, org: OrgRef, mine: MyClaims, eligible: boolean, now: Date): CampaignListItem {
  const state = campaignState(c, now);
  const left = [c.perMemberLimit - mine.total, c.perDayLimit === null ? Infinity : c.perDayLimit - mine.today, c.remaining];
  return {
    id: c.id,
    title: c.title,
    org,
    state,
    stateLabel: CAMPAIGN_STATE_LABELS[state],
    items: packLines(c),
    packValueFen: c.packValueFen,
    stock: c.stock,
    remaining: c.remaining,
    claimOpensAt: c.claimOpensAt.toISOString(),
    claimClosesAt: c.claimClosesAt.toISOString(),
    opensAt: state === 'upcoming' ? c.claimOpensAt.toISOString() : null,
    perMemberLimit: c.perMemberLimit,
    perDayLimit: c.perDayLimit,
    claimedByMe: mine.total,
    claimableByMe: eligible && (state === 'open' || state === 'upcoming') ? Math.max(0, Math.min(...left)) : 0,
    eligible,
    modelWorkersOnly: c.modelWorkersOnly,
  };
}

export const statusLabel = (c: Campaign) => CAMPAIGN_STATUS_LABELS[c.status];
