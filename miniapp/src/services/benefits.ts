import type {
  BudgetPreview,
  CampaignDetail,
  CampaignInput,
  CampaignListPage,
  CampaignManagePage,
  CampaignStatus,
  ClaimResult,
  CouponDetail,
  CouponQr,
  CouponStatus,
  MerchantNearbyItem,
  MerchantPage,
  RedeemInput,
  RedemptionLookup,
  RedemptionPage,
  RedemptionPreview,
  RedemptionReceipt,
  SettlementPage,
  WalletPage,
} from '@nuanxin/shared';
import { http, type RequestOptions } from './http';

/**
 * Member benefits (会员优惠). Shapes are the server's, from `@nuanxin/shared` (benefits.ts); money integer fen,
 * dates ISO strings. Every path of the API is written here once (docs/api.md, "Member benefits").
 */

const enc = encodeURIComponent;
const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const B = '/api/benefits';

// ---- members ----

/** Published campaigns a member may see now, with the server's clock for the countdown. */
export function fetchCampaigns(): Promise<CampaignListPage> {
  return http.get<CampaignListPage>(`${B}/campaigns`);
}

export function claimCampaign(id: string, idempotencyKey: string): Promise<ClaimResult> {
  return http.post<ClaimResult>(`${B}/campaigns/${enc(id)}/claim`, {}, { idempotencyKey });
}

/** Partner merchants nearest a GCJ-02 point (used for this query only, never stored). */
export function fetchNearbyMerchants(at: { lat: number; lng: number }, limit = 5): Promise<MerchantNearbyItem[]> {
  return http.get<MerchantNearbyItem[]>(`${B}/merchants/nearby`, { query: { lat: at.lat, lng: at.lng, limit } });
}

export function fetchWallet(status: CouponStatus, cursor?: string): Promise<WalletPage> {
  return http.get<WalletPage>(`${B}/coupons`, { query: { status, cursor } });
}

export function fetchCoupon(id: string): Promise<CouponDetail> {
  return http.get<CouponDetail>(`${B}/coupons/${enc(id)}`);
}

/** A fresh 60-s QR token; no network retries (the next refresh comes soon anyway). */
export function fetchCouponQr(id: string): Promise<CouponQr> {
  return http.get<CouponQr>(`${B}/coupons/${enc(id)}/qr`, { retries: 0 });
}

// ---- the till (merchant users) ----

export function previewRedemption(body: RedemptionLookup): Promise<RedemptionPreview> {
  return http.post<RedemptionPreview>(`${B}/redemptions/preview`, body);
}

export function redeemCoupon(body: RedeemInput, idempotencyKey: string): Promise<RedemptionReceipt> {
  return http.post<RedemptionReceipt>(`${B}/redemptions`, body, { idempotencyKey });
}

export function undoRedemption(id: string, idempotencyKey: string): Promise<RedemptionReceipt> {
  return http.post<RedemptionReceipt>(`${B}/redemptions/${enc(id)}/undo`, {}, { idempotencyKey });
}

/** This shop's redemptions, newest first; `month` (`2026-12`, Beijing) narrows them to one month. */
export function fetchRedemptions(cursor?: string, month?: string | null): Promise<RedemptionPage> {
  return http.get<RedemptionPage>(`${B}/redemptions`, { query: { cursor, month: month ?? undefined } });
}

// ---- campaigns (officers, admin; merchants propose) ----

export function fetchManagedCampaigns(status: CampaignStatus | null, cursor?: string, options?: RequestOptions): Promise<CampaignManagePage> {
  return http.get<CampaignManagePage>(`${B}/campaigns/manage`, { ...options, query: { status: status ?? undefined, cursor } });
}

export function fetchCampaign(id: string): Promise<CampaignDetail> {
  return http.get<CampaignDetail>(`${B}/campaigns/${enc(id)}`);
}

export function previewBudget(body: CampaignInput): Promise<BudgetPreview> {
  return http.post<BudgetPreview>(`${B}/campaigns/preview`, body);
}

export function createCampaign(body: CampaignInput, idempotencyKey: string): Promise<CampaignDetail> {
  return http.post<CampaignDetail>(`${B}/campaigns`, body, { idempotencyKey });
}

export function updateCampaign(id: string, body: CampaignInput): Promise<CampaignDetail> {
  return http.put<CampaignDetail>(`${B}/campaigns/${enc(id)}`, body);
}

export type CampaignAction = 'publish' | 'reject' | 'close';

export function actOnCampaign(id: string, action: CampaignAction, body: { reason?: string }, idempotencyKey: string): Promise<CampaignDetail> {
  return http.post<CampaignDetail>(`${B}/campaigns/${enc(id)}/${action}`, body, { idempotencyKey });
}

/** Merchants the caller may name in a campaign (officers: their subtree; merchant users: their shops). */
export function fetchMerchants(after?: string): Promise<MerchantPage> {
  return http.get<MerchantPage>(`${B}/merchants/manage`, { query: { after } });
}

// ---- settlement ----

/** One month's settlement; officers may narrow it to one merchant. */
export function fetchSettlement(month: string, merchantId?: string | null): Promise<SettlementPage> {
  return http.get<SettlementPage>(`${B}/settlement`, { query: { month, merchantId: merchantId ?? undefined } });
}

/** The Excel file's address; the download sends the bearer token (settlement-download.*.ts). */
export function settlementFileUrl(month: string, merchantId?: string | null): string {
  return `${API_BASE}${B}/settlement/export?month=${enc(month)}${merchantId ? `&merchantId=${enc(merchantId)}` : ''}`;
}
