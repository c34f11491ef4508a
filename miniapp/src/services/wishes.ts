import type { WallFilter, WishCategory, WishDetail, WishDonorType, WishHandover, WishOrgSettings, WishPage, WishPostingRules, WishStats, WishTimelineEntry, WishWallItem, WishWallPage } from '@nuanxin/shared';
import { http } from './http';
import { loadPhotoFrom, uploadPhotoTo, type UploadedPhoto } from './files';

/**
 * Micro-wishes (微心愿). The shapes are the server's, from `@nuanxin/shared` (WishDetail, WishWallItem, …);
 * dates are ISO strings, money integer fen.
 */

/** One wish as the caller may see it (`viewer`: wisher, donor, station, officer or public). */
export type Wish = WishDetail;
export type WallWish = WishWallItem;
export type WallPage = WishWallPage;
export type { WishOrgSettings, WishPage, WishPostingRules, WishStats, WishTimelineEntry };

export interface WallQuery {
  filter: WallFilter;
  category?: WishCategory | null;
  district?: string | null;
  /** GCJ-02, only for this query: never stored. */
  near?: { lat: number; lng: number } | null;
  cursor?: string | null;
}

/** POST /api/wishes body. */
export interface PostWishRequest {
  category: WishCategory;
  title: string;
  story: string;
  valueFen: number;
  stationId: string;
  photoId?: string;
  anonymous: boolean;
}

/** POST /api/wishes/:id/claim body. */
export interface ClaimWishRequest {
  donorType: WishDonorType;
  displayName?: string;
  anonymous: boolean;
}

/** POST /api/wishes/:id/deliver body: where it was handed over (at the pickup station or in person), with a photo. */
export interface DeliverWishRequest {
  handover: WishHandover;
  photoId: string;
  note?: string;
}

const enc = encodeURIComponent;
const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const base = (id: string) => `/api/wishes/${enc(id)}`;

// ---- wall ----

/** The wall; the token goes along when there is one (a server that requires a login then answers too). */
export function fetchWall(q: WallQuery): Promise<WallPage> {
  return http.get<WallPage>('/api/wishes/wall', {
    query: {
      filter: q.filter,
      category: q.category || undefined,
      district: q.district || undefined,
      lat: q.near ? q.near.lat : undefined,
      lng: q.near ? q.near.lng : undefined,
      cursor: q.cursor || undefined,
    },
  });
}

export function fetchWish(id: string): Promise<Wish> {
  return http.get<Wish>(base(id));
}

// ---- wisher ----

/** Before the form: member or not, the org's value cap and yearly limit, an open wish. */
export function fetchPostingRules(): Promise<WishPostingRules> {
  return http.get<WishPostingRules>('/api/wishes/rules');
}

export function postWish(body: PostWishRequest, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>('/api/wishes', body, { idempotencyKey });
}

export function fetchMyWishes(): Promise<Wish[]> {
  return http.get<Wish[]>('/api/wishes/mine');
}

export function cancelWish(id: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/cancel`, {}, { idempotencyKey });
}

export function confirmWish(id: string, thanks: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/confirm`, { thanks }, { idempotencyKey });
}

/** The thank-you for a fulfilled wish that has none yet (action `thank`). */
export function thankWish(id: string, thanks: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/thanks`, { thanks }, { idempotencyKey });
}

// ---- donor ----

export function claimWish(id: string, body: ClaimWishRequest, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/claim`, body, { idempotencyKey });
}

export function fetchClaimedWishes(): Promise<Wish[]> {
  return http.get<Wish[]>('/api/wishes/claimed');
}

export function releaseWish(id: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/release`, {}, { idempotencyKey });
}

export function deliverWish(id: string, body: DeliverWishRequest, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/deliver`, body, { idempotencyKey });
}

// ---- station master ----

/** Wishes coming to, or waiting at, the caller's stations (the server knows which stations a master keeps). */
export function fetchStationWishes(options: { retries?: number } = {}): Promise<Wish[]> {
  return http.get<Wish[]>('/api/wishes/station', options);
}

export function receiveWish(id: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/receive`, {}, { idempotencyKey });
}

/** `cardToken`: the wisher's member-card QR token (the same one /api/memberships/verify takes). */
export function pickupWish(id: string, cardToken: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/pickup`, { cardToken }, { idempotencyKey });
}

// ---- officer ----

/** The org's value cap and yearly limit (its own, else inherited from above or the defaults). */
export function fetchWishSettings(orgCode: string): Promise<WishOrgSettings> {
  return http.get<WishOrgSettings>('/api/wishes/settings', { query: { orgCode } });
}

/** Sets the org's own limits (its child orgs follow unless they set their own). PUT: sending it twice changes nothing. */
export function saveWishSettings(orgCode: string, body: { valueCapFen: number; yearlyLimit: number }): Promise<WishOrgSettings> {
  return http.put<WishOrgSettings>('/api/wishes/settings', body, { query: { orgCode } });
}

/** Posted, published, claimed, fulfilled and the median days from first publication to 已圆梦, for the org's subtree. */
export function fetchWishStats(orgCode: string): Promise<WishStats> {
  return http.get<WishStats>('/api/wishes/stats', { query: { orgCode } });
}

/** The officer's handover list (org subtree): wishes between claim and confirmation, longest waiting first. */
export function fetchHandovers(): Promise<Wish[]> {
  return http.get<Wish[]>('/api/wishes/handovers');
}

/** The screening queue (org subtree): overdue first, then by deadline. */
export function fetchScreening(cursor?: string | null, options: { retries?: number } = {}): Promise<WishPage> {
  return http.get<WishPage>('/api/wishes/queue', { query: { cursor: cursor || undefined }, ...options });
}

export function approveWish(id: string, edits: { title?: string; story?: string }, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/approve`, edits, { idempotencyKey });
}

export function rejectWish(id: string, reason: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/reject`, { reason }, { idempotencyKey });
}

export function closeWish(id: string, note: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/close`, { note }, { idempotencyKey });
}

// ---- photos ----

export function uploadWishPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
  return uploadPhotoTo(`${API_BASE}/api/wishes/photos`, filePath, onProgress);
}

export function loadWishPhoto(id: string): Promise<string> {
  return loadPhotoFrom(`${API_BASE}/api/wishes/photos/${enc(id)}`);
}
