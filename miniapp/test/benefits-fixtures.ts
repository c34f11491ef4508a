import { makeCouponCode, type CampaignListItem, type CouponDetail, type RedemptionPreview, type RedemptionReceipt } from '@nuanxin/shared';

const threshold = { kind: 'threshold' as const, thresholdFen: 10000, discountFen: 2000, percentOff: null, capFen: null };

export function campaign(over: Partial<CampaignListItem> = {}): CampaignListItem {
  return {
    id: 'c1',
    title: '五一骑手消费券',
    org: { code: 'XM-MT', name: '美团厦门骑手联合工会' },
    state: 'open',
    stateLabel: '抢券中',
    items: [{ ...threshold, count: 5, title: '满100减20' }],
    packValueFen: 10000,
    stock: 100,
    remaining: 42,
    claimOpensAt: '2026-12-02T02:00:00.000Z',
    claimClosesAt: '2026-12-02T14:00:00.000Z',
    opensAt: null,
    perMemberLimit: 1,
    perDayLimit: null,
    claimedByMe: 0,
    claimableByMe: 1,
    eligible: true,
    modelWorkersOnly: false,
    ...over,
  };
}

export const memberCard = {
  memberNo: 'XM2026000007',
  nameMasked: '李*',
  org: { code: 'XM-MT', name: '美团厦门骑手联合工会' },
  since: '2026-11-23T06:00:00.000Z',
  status: 'active',
  token: 'card-token',
  tokenExpiresAt: '2099-01-01T00:00:00.000Z',
};

export function couponDetail(over: Partial<CouponDetail> = {}): CouponDetail {
  return {
    id: 'k1',
    campaignId: 'c1',
    campaignTitle: '五一骑手消费券',
    title: '满100减20',
    spec: threshold,
    status: 'available',
    statusLabel: '可使用',
    validFrom: '2026-12-02T02:00:00.000Z',
    validUntil: '2026-12-31T15:59:59.000Z',
    claimedAt: '2026-12-02T02:00:01.000Z',
    usedAt: null,
    merchantScope: 'all',
    org: { code: 'XM-MT', name: '美团厦门骑手联合工会' },
    qrToken: 'qr-token-1',
    qrExpiresAt: new Date(Date.now() + 60_000).toISOString(),
    code: makeCouponCode('12345678901'),
    merchants: [],
    redemption: null,
    ...over,
  };
}

export function preview(over: Partial<RedemptionPreview> = {}): RedemptionPreview {
  return {
    couponId: 'k1',
    title: '满100减20',
    spec: threshold,
    campaignTitle: '五一骑手消费券',
    memberName: '李*',
    validUntil: '2026-12-31T15:59:59.000Z',
    status: 'available',
    redeemable: true,
    refusal: null,
    ...over,
  };
}

export function receipt(over: Partial<RedemptionReceipt> = {}): RedemptionReceipt {
  return {
    id: 'r1',
    couponId: 'k1',
    title: '满100减20',
    campaignTitle: '五一骑手消费券',
    memberName: '李*',
    merchant: { id: 'm1', name: '老王牛肉面' },
    orderFen: 12850,
    discountFen: 2000,
    payFen: 10850,
    redeemedAt: new Date().toISOString(),
    undoUntil: new Date(Date.now() + 600_000).toISOString(),
    undoneAt: null,
    ...over,
  };
}
