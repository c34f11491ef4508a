import type { WallFilter, WishAction, WishCategory, WishDonorType, WishHandover, WishStatus } from '@nuanxin/shared';
import { http } from './http';
import { loadPhotoFrom, uploadPhotoTo, type UploadedPhoto } from './files';

/** Micro-wishes (微心愿): the API of docs/api.md "Micro-wishes". Dates are ISO strings, money integer fen. */

export interface WishStation {
  id: string;
  code: string;
  name: string;
  address: string;
  district: string;
}

export type WishRole = 'wisher' | 'donor' | 'station' | 'officer' | 'viewer';
export type WishActorRole = 'wisher' | 'donor' | 'station' | 'officer' | 'system';
export type PersonalDataFlag = 'mobile' | 'id_number';

export interface WishTimelineEntry {
  id: string;
  at: string;
  /** 'post' or a WishAction. */
  action: string;
  actorRole: WishActorRole;
  note: string | null;
}

/** WishDto: the parties' view; never the wisher's name, mobile or ID number — only `wisherAlias`. */
export interface Wish {
  id: string;
  number: string;
  category: WishCategory;
  title: string;
  story: string;
  valueFen: number;
  status: WishStatus;
  handover: WishHandover;
  station: WishStation;
  wisherAlias: string;
  donor: { type: WishDonorType; displayName: string } | null;
  photoId: string | null;
  deliveryPhotoId: string | null;
  thanks: string | null;
  rejectReason: string | null;
  postedAt: string;
  publishedAt: string | null;
  claimedAt: string | null;
  holdUntil: string | null;
  deliveredAt: string | null;
  fulfilledAt: string | null;
  screeningDueAt: string | null;
  overdue: boolean;
  /** Who the caller is to this wish. */
  role: WishRole;
  /** What the caller may do now: the buttons a page shows. */
  actions: WishAction[];
  /** Officer view only (else []): what the text seems to contain. */
  personalData: PersonalDataFlag[];
  /** [] in lists. */
  timeline: WishTimelineEntry[];
}

/** One card on the wall (no login needed). */
export interface WallWish {
  id: string;
  category: WishCategory;
  title: string;
  story: string;
  valueFen: number;
  status: WishStatus;
  district: string;
  station: { id: string; name: string; distanceMeters: number | null };
  wisherAlias: string;
  photoId: string | null;
  postedAt: string;
  publishedAt: string | null;
  donorName: string | null;
  thanks: string | null;
}

export interface WallCounts {
  open: number;
  claimed: number;
  fulfilled: number;
}

export interface WallPage {
  counts: WallCounts;
  items: WallWish[];
  nextCursor: string | null;
}

export interface WallQuery {
  filter: WallFilter;
  category?: WishCategory | null;
  district?: string | null;
  /** GCJ-02, only for this query: never stored. */
  near?: { lat: number; lng: number } | null;
  cursor?: string | null;
}

export interface WishPage {
  items: Wish[];
  nextCursor: string | null;
}

/** POST /api/wishes body. */
export interface PostWishRequest {
  category: WishCategory;
  title: string;
  story: string;
  valueFen: number;
  stationId: string;
  photoId?: string | null;
  anonymous: boolean;
  handover?: WishHandover;
}

/** POST /api/wishes/:id/claim body. */
export interface ClaimWishRequest {
  donorType: WishDonorType;
  displayName?: string;
  anonymous: boolean;
}

/** Codes the wish routes answer with (docs/api.md; `shared/src/errors.ts` names them once the server adds them). */
export const WISH_ERROR = {
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  TAKEN: 'WISH_TAKEN',
  CLAIM_LIMIT: 'WISH_CLAIM_LIMIT',
  OPEN_LIMIT: 'WISH_OPEN_LIMIT',
  YEARLY_LIMIT: 'WISH_YEARLY_LIMIT',
  STATE_CHANGED: 'WISH_STATE_CHANGED',
  ACTION_NOT_ALLOWED: 'WISH_ACTION_NOT_ALLOWED',
  CARD_NOT_WISHER: 'CARD_NOT_WISHER',
} as const;

const enc = encodeURIComponent;
const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const base = (id: string) => `/api/wishes/${enc(id)}`;

// ---- wall ----

export function fetchWall(q: WallQuery): Promise<WallPage> {
  return http.get<WallPage>('/api/wishes/wall', {
    auth: false,
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

export function deliverWish(id: string, body: { photoId: string; note?: string }, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/deliver`, body, { idempotencyKey });
}

// ---- station master ----

export function fetchStationWishes(stationId: string): Promise<Wish[]> {
  return http.get<Wish[]>('/api/wishes/station', { query: { stationId } });
}

export function receiveWish(id: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/receive`, {}, { idempotencyKey });
}

/** `cardToken`: the wisher's member-card QR token (the same one /api/memberships/verify takes). */
export function pickupWish(id: string, cardToken: string, idempotencyKey: string): Promise<Wish> {
  return http.post<Wish>(`${base(id)}/pickup`, { cardToken }, { idempotencyKey });
}

// ---- officer ----

export function fetchScreening(cursor?: string | null, options: { retries?: number } = {}): Promise<WishPage> {
  return http.get<WishPage>('/api/wishes/screening', { query: { cursor: cursor || undefined }, ...options });
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
