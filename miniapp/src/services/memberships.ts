import { type ApplicationKind, type ApplicationStatus, type OrgLevel } from '@nuanxin/shared';
import { http } from './http';

/** GET /api/orgs/:code — the org card on the join page (public). */
export interface OrgCard {
  code: string;
  name: string;
  level: OrgLevel;
  parentName: string | null;
  autoApprove: boolean;
}

/** GET /api/orgs?q=&level=&limit= — the public org search (active orgs, by level then name). */
export interface OrgSearchQuery {
  q?: string;
  level?: OrgLevel;
  /** Only orgs a claim accepts as the employer union (no district catch-all, no mediation centre). */
  employer?: boolean;
  limit?: number;
}

export interface OrgRef {
  code: string;
  name: string;
}

/** One join or transfer application; personal data arrives masked. Dates are ISO strings. */
export interface Application {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  org: OrgRef;
  name: string;
  mobileMasked: string;
  idNumberMasked: string;
  employer: string;
  occupation: string;
  city: string;
  transferReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
  autoDecided: boolean;
  decisionReason: string | null;
}

export interface ApplicationPage {
  items: Application[];
  nextCursor: string | null;
}

/** GET /api/memberships/card (`{ card }` with ?optional=true): `token` is the QR content, valid until `tokenExpiresAt`. */
export interface MemberCard {
  memberNo: string;
  nameMasked: string;
  org: OrgRef;
  since: string;
  status: 'active' | 'ended';
  token: string;
  tokenExpiresAt: string;
}

export interface ApplyResult {
  application: Application;
  /** Present when the org approves automatically: the card is issued at once. */
  card: MemberCard | null;
}

/** POST /api/memberships/applications body. With `useSavedIdentity`, the server fills a left-out name, mobile or ID number from the profile. */
export interface JoinRequest {
  orgCode: string;
  name?: string;
  mobile?: string;
  idNumber?: string;
  useSavedIdentity?: boolean;
  employer: string;
  occupation: string;
  city: string;
  consent: boolean;
}

/** GET /api/memberships/profile: what the server remembers from the last application (or an SMS login), masked; null = nothing. */
export interface JoinProfile {
  nameMasked: string | null;
  mobileMasked: string | null;
  mobileSource: 'application' | 'login' | null;
  idNumberMasked: string | null;
  employer: string | null;
  occupation: string | null;
  city: string | null;
  savedAt: string | null;
}

export interface TransferRequest {
  toOrgCode: string;
  reason: string;
}

export interface VerifyResult {
  valid: boolean;
  memberNo: string;
  nameMasked: string;
  org: OrgRef;
  status: 'active' | 'ended';
  since: string;
}

export interface JoinStats {
  orgCode: string;
  pendingNow: number;
  decidedToday: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  decidedLate: number;
  /** Auto-approved in the window: 0 minutes each, left out of the officer figures above. */
  autoApproved: number;
  windowDays: number;
}

const enc = encodeURIComponent;

export function fetchOrg(code: string): Promise<OrgCard> {
  return http.get<OrgCard>(`/api/orgs/${enc(code)}`, { auth: false });
}

export async function searchOrgs(query: OrgSearchQuery): Promise<OrgCard[]> {
  const res = await http.get<{ items: OrgCard[] }>('/api/orgs', { auth: false, query: { q: query.q, level: query.level, employer: query.employer || undefined, limit: query.limit } });
  return res.items;
}

export function applyToJoin(body: JoinRequest, idempotencyKey: string): Promise<ApplyResult> {
  return http.post<ApplyResult>('/api/memberships/applications', body, { idempotencyKey });
}

export function fetchJoinProfile(): Promise<JoinProfile> {
  return http.get<JoinProfile>('/api/memberships/profile');
}

export function fetchMyApplications(): Promise<Application[]> {
  return http.get<Application[]>('/api/memberships/applications/mine');
}

export function fetchApplication(id: string): Promise<Application> {
  return http.get<Application>(`/api/memberships/applications/${enc(id)}`);
}

/** The card, or null when the user is not a member: `?optional=true` answers 200 `{ card: null }`, not a 404 on every visit to 我的. */
export async function fetchCardIfMember(): Promise<MemberCard | null> {
  const res = await http.get<{ card: MemberCard | null }>('/api/memberships/card', { query: { optional: true } });
  return res.card;
}

export function requestTransfer(body: TransferRequest, idempotencyKey: string): Promise<ApplyResult> {
  return http.post<ApplyResult>('/api/memberships/transfers', body, { idempotencyKey });
}

// ---- staff ----

export function fetchApplications(query: { status?: ApplicationStatus; orgCode?: string; cursor?: string | null }): Promise<ApplicationPage> {
  return http.get<ApplicationPage>('/api/memberships/applications', { query: { status: query.status, orgCode: query.orgCode, cursor: query.cursor ?? undefined } });
}

export function approveApplication(id: string): Promise<ApplyResult> {
  return http.post<ApplyResult>(`/api/memberships/applications/${enc(id)}/approve`);
}

export function rejectApplication(id: string, reason: string): Promise<Application> {
  return http.post<Application>(`/api/memberships/applications/${enc(id)}/reject`, { reason });
}

export function verifyCardToken(token: string): Promise<VerifyResult> {
  return http.get<VerifyResult>('/api/memberships/verify', { query: { token }, retries: 0 });
}

export function fetchJoinStats(orgCode: string): Promise<JoinStats> {
  return http.get<JoinStats>('/api/memberships/stats', { query: { orgCode } });
}
