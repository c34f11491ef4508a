/**
 * Member benefits (会员优惠): coupon kinds, campaign and coupon statuses, the validation rules as pure functions,
 * what a coupon takes off an order, the 12-digit till code, and the API's shapes.
 * The API built on these rules (the CONTRACT both sides build to): docs/api.md, section "Member benefits (会员优惠)".
 * Money is integer fen everywhere; instants are ISO strings.
 */
import { isFen, formatYuan, type Fen } from './money';
import type { Occupation } from './membership';

// ---- coupons ------------------------------------------------------------------------------------------------

/** 满减 (threshold + discount), 代金券 (face value, no threshold), 折扣 (percent off with a cap). */
export const COUPON_KINDS = [
  { code: 'threshold', label: '满减券' },
  { code: 'voucher', label: '代金券' },
  { code: 'percent', label: '折扣券' },
] as const;
export type CouponKind = (typeof COUPON_KINDS)[number]['code'];
export const COUPON_KIND_CODES: readonly CouponKind[] = COUPON_KINDS.map((k) => k.code);
export const COUPON_KIND_LABELS: Record<CouponKind, string> = { threshold: '满减券', voucher: '代金券', percent: '折扣券' };

/**
 * One coupon's terms. `threshold`: `thresholdFen` > `discountFen` > 0. `voucher`: `discountFen` > 0, no threshold
 * (`thresholdFen` 0). `percent`: `percentOff` 1–99 (20 = 八折), at most `capFen` off, from `thresholdFen` (0 = any
 * order); `discountFen` 0.
 */
export interface CouponSpec {
  kind: CouponKind;
  thresholdFen: Fen;
  discountFen: Fen;
  /** `percent` only (else null). */
  percentOff: number | null;
  /** `percent` only (else null). */
  capFen: Fen | null;
}

/** `满100减20`, `20元代金券`, `8折 最高减30元`, `满50享9折 最高减10元`. */
export function couponTitle(spec: CouponSpec): string {
  const y = (fen: Fen) => formatYuan(fen).replace('¥', '') + '元';
  const short = (fen: Fen) => formatYuan(fen).replace('¥', '');
  if (spec.kind === 'threshold') return `满${short(spec.thresholdFen)}减${short(spec.discountFen)}`;
  if (spec.kind === 'voucher') return `${y(spec.discountFen)}代金券`;
  const pct = spec.percentOff ?? 0;
  const zhe = `${(100 - pct) / 10}折`;
  const cap = spec.capFen ? ` 最高减${y(spec.capFen)}` : '';
  return spec.thresholdFen > 0 ? `满${short(spec.thresholdFen)}享${zhe}${cap}` : `${zhe}${cap}`;
}

/** The most a coupon can cost the union: the discount, or the cap of a percent coupon. */
export function couponFaceFen(spec: CouponSpec): Fen {
  return spec.kind === 'percent' ? (spec.capFen ?? 0) : spec.discountFen;
}

/** Whether an order of `orderFen` may use the coupon at all. */
export function meetsThreshold(spec: CouponSpec, orderFen: Fen): boolean {
  return orderFen > 0 && orderFen >= spec.thresholdFen;
}

/**
 * What the coupon takes off an order of `orderFen` — what the union pays the merchant. 0 below the threshold.
 * A voucher never takes more than the order; a percent coupon rounds down to the fen and stops at its cap.
 */
export function discountFor(spec: CouponSpec, orderFen: Fen): Fen {
  if (!isFen(orderFen) || !meetsThreshold(spec, orderFen)) return 0;
  if (spec.kind === 'threshold') return Math.min(spec.discountFen, orderFen);
  if (spec.kind === 'voucher') return Math.min(spec.discountFen, orderFen);
  const off = Math.floor((orderFen * (spec.percentOff ?? 0)) / 100);
  return Math.min(off, spec.capFen ?? 0, orderFen);
}

export const COUPON_STATUSES = ['available', 'used', 'expired'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];
export const COUPON_STATUS_LABELS: Record<CouponStatus, string> = { available: '可使用', used: '已使用', expired: '已过期' };

// ---- campaigns ----------------------------------------------------------------------------------------------

/**
 * `draft` (an officer's, not yet public) → `published`; a merchant's proposal starts `pending_approval` → an
 * officer publishes or rejects it (`rejected`, may be edited and resubmitted); `published` → `closed` (stopped
 * early by an officer; coupons already claimed stay valid).
 */
export const CAMPAIGN_STATUSES = ['draft', 'pending_approval', 'rejected', 'published', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: '草稿',
  pending_approval: '待审批',
  rejected: '未通过',
  published: '已发布',
  closed: '已停止',
};

/** What a member sees of a published campaign, at a moment. */
export const CAMPAIGN_STATES = ['upcoming', 'open', 'sold_out', 'ended'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = {
  upcoming: '即将开抢',
  open: '抢券中',
  sold_out: '已抢光',
  ended: '已结束',
};

/** The state of a published campaign at `now` (closed → ended). */
export function campaignState(
  c: { status: CampaignStatus; claimOpensAt: string | Date; claimClosesAt: string | Date; remaining: number },
  now: Date,
): CampaignState {
  const t = now.getTime();
  if (c.status !== 'published' || t >= new Date(c.claimClosesAt).getTime()) return 'ended';
  if (t < new Date(c.claimOpensAt).getTime()) return 'upcoming';
  return c.remaining > 0 ? 'open' : 'sold_out';
}

/** Validity of the coupons a claim issues: fixed dates, or N days from the claim (ending at 24:00 Beijing time). */
export type CouponValidity =
  | { mode: 'fixed'; validFrom: string; validUntil: string }
  | { mode: 'days'; days: number };

/** One line of a pack: `count` coupons of one spec. */
export interface PackItem extends CouponSpec {
  count: number;
}

export const BENEFIT_RULES = {
  titleMax: 30,
  descriptionMax: 500,
  /** Different coupon lines in a pack, and coupons in a pack in all. */
  packLinesMax: 5,
  packCouponsMax: 50,
  stockMax: 1_000_000,
  perMemberLimitMax: 100,
  validityDaysMax: 366,
  /** Largest single coupon value and order accepted (¥100,000). */
  fenMax: 10_000_000,
  /** The QR token's lifetime; the wallet refreshes it while shown. */
  qrTokenTtlSeconds: 60,
  /** A redemption may be undone this long after, by the merchant that made it. */
  undoMinutes: 10,
  /** The expiry reminder goes this many days before a coupon ends. */
  remindDaysBefore: 3,
  merchantNameMax: 40,
  addressMax: 100,
} as const;

export const MERCHANT_CATEGORIES = [
  { code: 'food', label: '餐饮' },
  { code: 'grocery', label: '超市便利' },
  { code: 'vehicle', label: '车辆维修' },
  { code: 'health', label: '医疗健康' },
  { code: 'life', label: '生活服务' },
  { code: 'other', label: '其他' },
] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number]['code'];
export const MERCHANT_CATEGORY_CODES: readonly MerchantCategory[] = MERCHANT_CATEGORIES.map((c) => c.code);

export const MERCHANT_STATUSES = ['active', 'suspended'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];
export const MERCHANT_STATUS_LABELS: Record<MerchantStatus, string> = { active: '合作中', suspended: '已暂停' };

// ---- the validation rules (pure; the server answers 400 on the field, the editor shows them as you type) ----

export interface RuleError {
  /** The request field, dotted for nested ones: `items.0.discountFen`, `validity.days`. */
  field: string;
  message: string;
}

const fenError = (field: string, v: unknown, label: string, min = 0): RuleError | null => {
  if (!isFen(v)) return { field, message: `${label}须为整数分` };
  if (v < min) return { field, message: min > 0 ? `${label}须大于 0` : `${label}不能为负数` };
  if (v > BENEFIT_RULES.fenMax) return { field, message: `${label}不能超过 ¥100000` };
  return null;
};

/** A coupon's terms: integer non-negative fen, discount < threshold, percent 1–99 with a cap. */
export function couponSpecErrors(spec: CouponSpec, prefix = ''): RuleError[] {
  const f = (name: string) => `${prefix}${name}`;
  const out: RuleError[] = [];
  const push = (e: RuleError | null) => e && out.push(e);
  if (!COUPON_KIND_CODES.includes(spec.kind)) return [{ field: f('kind'), message: '请选择券的类型' }];
  if (spec.kind === 'threshold') {
    push(fenError(f('thresholdFen'), spec.thresholdFen, '使用门槛', 1));
    push(fenError(f('discountFen'), spec.discountFen, '减免金额', 1));
    if (!out.length && spec.discountFen >= spec.thresholdFen) out.push({ field: f('discountFen'), message: '减免金额须小于使用门槛' });
  } else if (spec.kind === 'voucher') {
    push(fenError(f('discountFen'), spec.discountFen, '面值', 1));
    if (spec.thresholdFen !== 0) out.push({ field: f('thresholdFen'), message: '代金券没有使用门槛' });
  } else {
    if (!Number.isInteger(spec.percentOff) || spec.percentOff! < 1 || spec.percentOff! > 99) {
      out.push({ field: f('percentOff'), message: '折扣须为 1–99 的整数（20 表示八折）' });
    }
    push(fenError(f('capFen'), spec.capFen, '最高减免', 1));
    push(fenError(f('thresholdFen'), spec.thresholdFen, '使用门槛'));
    if (spec.discountFen !== 0) out.push({ field: f('discountFen'), message: '折扣券不填减免金额' });
  }
  return out;
}

/** A pack: 1–5 lines, each 1–50 coupons, at most 50 coupons in all. */
export function packErrors(items: readonly PackItem[]): RuleError[] {
  if (!Array.isArray(items) || items.length === 0) return [{ field: 'items', message: '请至少添加一种券' }];
  if (items.length > BENEFIT_RULES.packLinesMax) return [{ field: 'items', message: `一个券包最多 ${BENEFIT_RULES.packLinesMax} 种券` }];
  const out: RuleError[] = [];
  items.forEach((it, i) => {
    if (!it || typeof it !== 'object') return void out.push({ field: `items.${i}`, message: '券的设置不正确' });
    out.push(...couponSpecErrors(it, `items.${i}.`));
    if (!Number.isInteger(it.count) || it.count < 1 || it.count > BENEFIT_RULES.packCouponsMax) {
      out.push({ field: `items.${i}.count`, message: `张数须为 1–${BENEFIT_RULES.packCouponsMax} 的整数` });
    }
  });
  const total = items.reduce((s, it) => s + (Number.isInteger(it?.count) ? it.count : 0), 0);
  if (!out.length && total > BENEFIT_RULES.packCouponsMax) out.push({ field: 'items', message: `一个券包最多 ${BENEFIT_RULES.packCouponsMax} 张券` });
  return out;
}

/** What one pack can cost the union at most. */
export function packValueFen(items: readonly PackItem[]): Fen {
  return items.reduce((s, it) => s + couponFaceFen(it) * it.count, 0);
}

const instant = (v: unknown): number => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN);

/** Everything the editor checks before saving a campaign (the server repeats it). */
export function campaignInputErrors(input: CampaignInput): RuleError[] {
  const out: RuleError[] = [];
  const title = (input.title ?? '').trim();
  if (title.length < 2 || title.length > BENEFIT_RULES.titleMax) out.push({ field: 'title', message: `标题须为 2–${BENEFIT_RULES.titleMax} 个字` });
  out.push(...packErrors(input.items));
  const intIn = (field: string, v: unknown, min: number, max: number, label: string) => {
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) out.push({ field, message: `${label}须为 ${min}–${max} 的整数` });
  };
  intIn('stock', input.stock, 1, BENEFIT_RULES.stockMax, '发放份数');
  intIn('perMemberLimit', input.perMemberLimit, 1, BENEFIT_RULES.perMemberLimitMax, '每人限领');
  if (input.perDayLimit !== null) {
    intIn('perDayLimit', input.perDayLimit, 1, BENEFIT_RULES.perMemberLimitMax, '每人每天限领');
    if (Number.isInteger(input.perDayLimit) && input.perDayLimit! > input.perMemberLimit) {
      out.push({ field: 'perDayLimit', message: '每天限领不能多于每人限领' });
    }
  }
  const opens = instant(input.claimOpensAt);
  const closes = instant(input.claimClosesAt);
  if (Number.isNaN(opens)) out.push({ field: 'claimOpensAt', message: '请选择开抢时间' });
  if (Number.isNaN(closes)) out.push({ field: 'claimClosesAt', message: '请选择领取截止时间' });
  else if (!Number.isNaN(opens) && closes <= opens) out.push({ field: 'claimClosesAt', message: '领取截止时间须晚于开抢时间' });
  const v = input.validity;
  if (!v || (v.mode !== 'fixed' && v.mode !== 'days')) out.push({ field: 'validity', message: '请选择券的有效期' });
  else if (v.mode === 'days') intIn('validity.days', v.days, 1, BENEFIT_RULES.validityDaysMax, '有效天数');
  else {
    const from = instant(v.validFrom);
    const until = instant(v.validUntil);
    if (Number.isNaN(from)) out.push({ field: 'validity.validFrom', message: '请选择有效期开始' });
    if (Number.isNaN(until)) out.push({ field: 'validity.validUntil', message: '请选择有效期结束' });
    else if (!Number.isNaN(from) && until <= from) out.push({ field: 'validity.validUntil', message: '有效期结束须晚于开始' });
    else if (!Number.isNaN(closes) && until < closes) out.push({ field: 'validity.validUntil', message: '有效期结束不能早于领取截止时间' });
  }
  if (input.merchantIds !== 'all' && (!Array.isArray(input.merchantIds) || input.merchantIds.length === 0)) {
    out.push({ field: 'merchantIds', message: '请选择适用商户，或选择全部合作商户' });
  }
  return out;
}

// ---- the till code ------------------------------------------------------------------------------------------

/** Damm's quasigroup of order 10: detects every single-digit error and every adjacent transposition. */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let i = 0;
  for (const ch of digits) i = DAMM[i][ch.charCodeAt(0) - 48];
  return i;
}

/** The check digit for 11 body digits. */
export function couponCheckDigit(body: string): string {
  if (!/^\d{11}$/.test(body)) throw new RangeError('the body of a coupon code is 11 digits');
  return String(dammInterim(body));
}

/** 11 body digits (e.g. random) + the Damm check digit = the 12-digit code a member reads out at the till. */
export function makeCouponCode(body: string): string {
  return body + couponCheckDigit(body);
}

/** Spaces and dashes a person types between groups are ignored. */
export function normalizeCouponCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** True for 12 digits whose check digit fits (after `normalizeCouponCode`). */
export function isValidCouponCode(input: string): boolean {
  const code = normalizeCouponCode(input);
  return /^\d{12}$/.test(code) && dammInterim(code) === 0;
}

/** `1234 5678 9012`: how the wallet shows the code. */
export function formatCouponCode(code: string): string {
  return code.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3');
}

// ---- the API's shapes (server answers, mini-program reads) --------------------------------------------------

export interface OrgRef {
  code: string;
  name: string;
}

/** Where a member sees a merchant. `distanceMeters` from the point asked about. */
export interface MerchantNearbyItem {
  id: string;
  name: string;
  category: MerchantCategory;
  categoryLabel: string;
  address: string;
  district: string;
  /** GCJ-02. */
  lat: number;
  lng: number;
  phone: string | null;
  distanceMeters: number;
}

/** A merchant as staff (officers in scope, admin, its own merchant users) see it. */
export interface MerchantDetail {
  id: string;
  name: string;
  category: MerchantCategory;
  categoryLabel: string;
  address: string;
  district: string;
  lat: number;
  lng: number;
  phone: string | null;
  status: MerchantStatus;
  statusLabel: string;
  /** The union org that signed the merchant up: scopes officers and merchant-role grants. */
  org: OrgRef;
  createdAt: string;
}

export interface MerchantPage {
  items: MerchantDetail[];
  /** Pass as `after` for the next page; null on the last. */
  nextAfter: string | null;
}

/** `POST /benefits/merchants`; `PATCH /benefits/merchants/:id` takes any subset (no `orgCode`). */
export interface MerchantInput {
  name: string;
  category: MerchantCategory;
  address: string;
  district: string;
  lat: number;
  lng: number;
  phone?: string | null;
  orgCode: string;
  status?: MerchantStatus;
}

/** The campaign editor's body (create: `POST /benefits/campaigns`; edit: `PUT /benefits/campaigns/:id`). */
export interface CampaignInput {
  title: string;
  description?: string;
  /** The org whose subtree's members may claim; officers: in their subtree; a merchant's proposal: its own org (ignored). */
  orgCode?: string;
  items: PackItem[];
  /** Packs in stock. */
  stock: number;
  /** Packs one member may claim in all, and per Beijing day (null = no daily limit). */
  perMemberLimit: number;
  perDayLimit: number | null;
  /** Only members whose occupation (from their join form) is listed; empty/absent = every member of the subtree. */
  occupations?: Occupation[];
  /** Only members flagged 劳模 by their union (`/benefits/model-workers`); absent = false. */
  modelWorkersOnly?: boolean;
  claimOpensAt: string;
  claimClosesAt: string;
  validity: CouponValidity;
  /** `all` = every active partner merchant of the org's subtree; else these merchant ids (a merchant's proposal: its own). */
  merchantIds: 'all' | string[];
  /** For a merchant user holding several shops: which one proposes. */
  merchantId?: string;
}

/** `POST /benefits/campaigns/preview` (same body): what publishing commits the union to. */
export interface BudgetPreview {
  packValueFen: Fen;
  /** stock × packValueFen: the most the union can pay. */
  budgetFen: Fen;
  couponsPerPack: number;
  couponsTotal: number;
  /** Members of the org's subtree with an active membership who pass the eligibility filter, now. */
  eligibleMembers: number;
  /** Merchants where the coupons can be used (all partners of the subtree, or the list). */
  merchantCount: number;
  errors: RuleError[];
}

/** A pack line as shown: the spec, its count and a title like `满100减20`. */
export interface PackLine extends PackItem {
  title: string;
}

/** One card on the 优惠 tab. */
export interface CampaignListItem {
  id: string;
  title: string;
  org: OrgRef;
  state: CampaignState;
  stateLabel: string;
  items: PackLine[];
  packValueFen: Fen;
  stock: number;
  /** Packs left (0 when sold out). */
  remaining: number;
  claimOpensAt: string;
  claimClosesAt: string;
  /** The opening moment while upcoming (for the countdown), else null. */
  opensAt: string | null;
  perMemberLimit: number;
  perDayLimit: number | null;
  /** Packs the caller holds from this campaign, and may still claim now (0 when the limit is reached). */
  claimedByMe: number;
  claimableByMe: number;
  /** Whether the caller is eligible (a member of the subtree, the occupation fits, a 劳模 where required). */
  eligible: boolean;
  /** Only for members flagged 劳模. */
  modelWorkersOnly: boolean;
}

export interface CampaignListPage {
  items: CampaignListItem[];
  /** The server's clock, for the countdown (the phone's may be off). */
  serverTime: string;
}

export interface CampaignMerchantRef {
  id: string;
  name: string;
  address: string;
}

export interface CampaignDetail extends CampaignListItem {
  description: string;
  status: CampaignStatus;
  statusLabel: string;
  validity: CouponValidity;
  occupations: Occupation[];
  /** `all`, or the listed merchants. */
  merchantScope: 'all' | 'list';
  merchants: CampaignMerchantRef[];
  budgetFen: Fen;
  /** The proposing merchant (a merchant's proposal), else null. */
  proposedBy: CampaignMerchantRef | null;
  rejectReason: string | null;
  /** Officer/admin views and the proposing merchant: who may act, and how. */
  actions: Array<'edit' | 'publish' | 'reject' | 'close'>;
  createdAt: string;
  publishedAt: string | null;
  serverTime: string;
}

/** `GET /benefits/campaigns/manage`: the editor's and approver's list. */
export interface CampaignManagePage {
  items: CampaignDetail[];
  nextCursor: string | null;
}

/** One coupon in 我的券. */
export interface WalletItem {
  id: string;
  campaignId: string;
  campaignTitle: string;
  /** `满100减20` etc. */
  title: string;
  spec: CouponSpec;
  status: CouponStatus;
  statusLabel: string;
  validFrom: string;
  validUntil: string;
  claimedAt: string;
  usedAt: string | null;
  /** Where it can be used: `all` partners of the org (named), or the list. */
  merchantScope: 'all' | 'list';
  org: OrgRef;
}

export interface WalletPage {
  items: WalletItem[];
  nextCursor: string | null;
  /** Counts per status, for the three tabs. */
  counts: Record<CouponStatus, number>;
}

/** `POST /benefits/campaigns/:id/claim` → 201. */
export interface ClaimResult {
  campaignId: string;
  /** The pack's coupons, just issued. */
  coupons: WalletItem[];
  /** Packs left right after this claim (may already be lower). */
  remaining: number;
  claimedByMe: number;
  claimableByMe: number;
}

/** A coupon's detail: the QR token (valid 60 s; `GET /benefits/coupons/:id/qr` refreshes it) and the till code. */
export interface CouponDetail extends WalletItem {
  /** Present while `available`; null otherwise. */
  qrToken: string | null;
  qrExpiresAt: string | null;
  /** The 12-digit till code (check digit last), present while `available`. */
  code: string | null;
  merchants: CampaignMerchantRef[];
  /** Once used: the merchant and amounts. */
  redemption: { merchantName: string; orderFen: Fen; discountFen: Fen; at: string } | null;
}

export interface CouponQr {
  qrToken: string;
  qrExpiresAt: string;
}

/** What the till sends to look at a coupon, and (with `orderFen`) to redeem it: the scanned token or the typed code. */
export interface RedemptionLookup {
  token?: string;
  code?: string;
  /** For a merchant user holding several shops. */
  merchantId?: string;
}

export interface RedeemInput extends RedemptionLookup {
  /** The order's amount in fen (the page takes yuan and converts with `parseYuan`). */
  orderFen: Fen;
}

/** `POST /benefits/redemptions/preview`: never the member's mobile, ID number or full name. */
export interface RedemptionPreview {
  couponId: string;
  title: string;
  spec: CouponSpec;
  campaignTitle: string;
  /** `张*`. */
  memberName: string;
  validUntil: string;
  status: CouponStatus;
  /** Whether this merchant may redeem it now (false with `refusal` = the code it would get). */
  redeemable: boolean;
  refusal: string | null;
}

export interface RedemptionReceipt {
  id: string;
  couponId: string;
  title: string;
  campaignTitle: string;
  memberName: string;
  merchant: { id: string; name: string };
  orderFen: Fen;
  discountFen: Fen;
  /** orderFen − discountFen: what the member pays at the till. */
  payFen: Fen;
  redeemedAt: string;
  /** Until when `POST /benefits/redemptions/:id/undo` works; null once undone. */
  undoUntil: string | null;
  undoneAt: string | null;
}

export interface RedemptionPage {
  items: RedemptionReceipt[];
  nextCursor: string | null;
}

/** One merchant's month. */
export interface SettlementRow {
  merchant: { id: string; name: string };
  org: OrgRef;
  month: string;
  redemptions: number;
  orderTotalFen: Fen;
  /** What the union pays the merchant. */
  discountTotalFen: Fen;
}

export interface SettlementPage {
  month: string;
  rows: SettlementRow[];
  totals: { redemptions: number; orderTotalFen: Fen; discountTotalFen: Fen };
}

/** `YYYY-MM`. */
export const SETTLEMENT_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 劳模 (model worker): a member flagged by an officer of their org (audited); campaigns may require it. */
export const MODEL_WORKER_HONOUR_MAX = 40;

/** `POST /benefits/model-workers`: the member by the number on their card, and the honour (e.g. 厦门市劳动模范). */
export interface ModelWorkerInput {
  memberNo: string;
  honour: string;
}

/** One flagged member as their union's officers see them. */
export interface ModelWorkerItem {
  id: string;
  memberNo: string;
  name: string;
  org: OrgRef;
  honour: string;
  flaggedAt: string;
}

/** `GET /benefits/model-workers?orgCode=`: newest first. */
export interface ModelWorkerPage {
  items: ModelWorkerItem[];
  nextCursor: string | null;
}
