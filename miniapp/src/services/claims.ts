import { type ClaimAction, type ClaimCategory, type ClaimOutcome, type ClaimStatus, type TransferDepartment } from '@nuanxin/shared';
import { http } from './http';
import { loadPhotoFrom, uploadPhotoTo, type UploadedPhoto } from './files';

/** `{ code, name }` of an org (GET /api/claims/* responses). */
export interface ClaimOrgRef {
  code: string;
  name: string;
}

export type ClaimActorRole = 'worker' | 'officer' | 'system';
export type ContactPreference = 'message' | 'phone';

/** One step on the timeline; `kind` is the action (`submitted`, `accept`, `reply`, `note`, …). */
export interface ClaimEvent {
  id: string;
  at: string;
  actorRole: ClaimActorRole;
  kind: string;
  note: string | null;
  visibleToWorker: boolean;
  fromStatus: ClaimStatus;
  toStatus: ClaimStatus;
  data: Record<string, unknown> | null;
}

/** ClaimDto (server/src/claims/dto/claim.dto.ts); dates are ISO strings, money is integer fen. */
export interface Claim {
  id: string;
  number: string;
  category: ClaimCategory;
  employerName: string;
  employerOrg: ClaimOrgRef | null;
  amountFen: number | null;
  description: string;
  contactPreference: ContactPreference | string;
  status: ClaimStatus;
  /** The union handling it now. */
  org: ClaimOrgRef;
  assigneeId: string | null;
  tier: number;
  routedBy: string;
  firstResponseDueAt: string;
  firstResponseAt: string | null;
  mediationDueAt: string | null;
  /** The deadline that applies now (the queue is sorted by it); absent on older servers. */
  dueAt?: string | null;
  /** Some deadline was computed Monday–Friday (no official calendar for that year). */
  deadlineEstimated: boolean;
  /** Per deadline, when the server sends them; absent on older servers (fall back to deadlineEstimated). */
  firstResponseEstimated?: boolean;
  mediationEstimated?: boolean;
  overdue: boolean;
  department: string | null;
  outcome: string | null;
  amountRecoveredFen: number | null;
  outcomeSummary: string | null;
  ratingScore: number | null;
  ratingComment: string | null;
  reopenCount: number;
  canReopen: boolean;
  /** What the caller may do now: the buttons a page shows. */
  actions: ClaimAction[];
  attachmentIds: string[];
  submittedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Empty in lists; the worker sees only the steps meant for them. */
  timeline: ClaimEvent[];
}

export interface ClaimPage {
  items: Claim[];
  nextCursor: string | null;
}

/** POST /api/claims body. */
export interface CreateClaimRequest {
  category: ClaimCategory;
  /** An enterprise-level union (platform or company); then employerName may be left out. */
  employerOrgCode?: string;
  employerName?: string;
  amountFen?: number;
  description: string;
  attachmentIds?: string[];
  contactPreference: ContactPreference;
  districtCode?: string;
}

export interface ResolveRequest {
  outcome: Exclude<ClaimOutcome, 'withdrawn'>;
  amountRecoveredFen?: number;
  summary: string;
}

export type { UploadedPhoto };

export type ClaimQueueTab = 'mine' | 'org' | 'overdue';

/** GET /api/claims/:id/assignees: the officers of the org handling the claim, with their open claims. */
export interface ClaimAssignee {
  id: string;
  displayName: string;
  openClaims: number;
}

const enc = encodeURIComponent;
const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const base = (id: string) => `/api/claims/${enc(id)}`;

// ---- worker ----

export function fileClaim(body: CreateClaimRequest, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>('/api/claims', body, { idempotencyKey });
}

export function fetchMyClaims(): Promise<Claim[]> {
  return http.get<Claim[]>('/api/claims/mine');
}

export function fetchClaim(id: string): Promise<Claim> {
  return http.get<Claim>(base(id));
}

export function addClaimMessage(id: string, text: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/messages`, { text }, { idempotencyKey });
}

export function withdrawClaim(id: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/withdraw`, {}, { idempotencyKey });
}

export function rateClaim(id: string, body: { score: number; comment?: string }, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/rating`, body, { idempotencyKey });
}

export function reopenClaim(id: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/reopen`, {}, { idempotencyKey });
}

// ---- staff ----

const QUEUE_QUERY: Record<ClaimQueueTab, { assignee?: string; overdue?: boolean }> = {
  mine: { assignee: 'me' },
  org: {},
  overdue: { overdue: true },
};

export function fetchClaimQueue(tab: ClaimQueueTab, cursor?: string | null): Promise<ClaimPage> {
  return http.get<ClaimPage>('/api/claims', { query: { ...QUEUE_QUERY[tab], cursor: cursor ?? undefined } });
}

/** How many claims assigned to the caller wait for 受理 (submitted, escalated, reopened): the 我的 badge. No retries: the next show asks again. */
export async function fetchClaimQueueCount(): Promise<number> {
  const { awaiting } = await http.get<{ awaiting: number }>('/api/claims/queue-count', { retries: 0 });
  return awaiting;
}

export function fetchClaimAssignees(id: string): Promise<ClaimAssignee[]> {
  return http.get<ClaimAssignee[]>(`${base(id)}/assignees`);
}

export function assignClaim(id: string, assigneeId: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/assign`, { assigneeId }, { idempotencyKey });
}

export function acceptClaim(id: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/accept`, {}, { idempotencyKey });
}

export function replyToClaim(id: string, text: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/reply`, { text }, { idempotencyKey });
}

export function addClaimNote(id: string, text: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/notes`, { text }, { idempotencyKey });
}

export function escalateClaim(id: string, note: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/escalate`, { note }, { idempotencyKey });
}

export function transferClaim(id: string, body: { department: TransferDepartment; note: string }, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/transfer`, body, { idempotencyKey });
}

export function resolveClaim(id: string, body: ResolveRequest, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/resolve`, body, { idempotencyKey });
}

// ---- idempotency keys for one-tap actions (shared with other features) ----

export { createActionKeys, isOutcomeUnknown, type ActionKeys } from './action-keys';

// ---- photos ----

/**
 * Uploads one photo (multipart field `file`) with Taro.uploadFile — the same call on weapp and H5, where the
 * path is the blob URL chooseImage returned. `onProgress` gets 0–100.
 */
export function uploadClaimPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
  return uploadPhotoTo(`${API_BASE}/api/claims/attachments`, filePath, onProgress);
}

/**
 * A displayable source for an attachment (the route needs the auth header, so <Image src> cannot fetch it):
 * Taro.downloadFile gives a temp file on weapp and a blob URL on H5. Cached for the session.
 */
export function loadClaimPhoto(id: string): Promise<string> {
  return loadPhotoFrom(`${API_BASE}/api/claims/attachments/${enc(id)}`);
}
