import Taro from '@tarojs/taro';
import { ErrorCode, type ClaimAction, type ClaimCategory, type ClaimOutcome, type ClaimStatus, type TransferDepartment } from '@nuanxin/shared';
import { ApiError, CLIENT_ERROR_MESSAGES, ClientErrorCode, http, newIdempotencyKey, toApiError } from './http';
import { getAccessToken } from './session';

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

export interface UploadedPhoto {
  id: string;
  mime: string;
  size: number;
}

export type ClaimQueueTab = 'mine' | 'org' | 'overdue';

/** GET /api/claims/:id/assignees: the officers of the org handling the claim, with their open claims. */
export interface ClaimAssignee {
  id: string;
  displayName: string;
  openClaims: number;
}

const enc = encodeURIComponent;
const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const UPLOAD_TIMEOUT_MS = 60_000;
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

// ---- idempotency keys for one-tap actions ----

/** Network failures, 5xx and "still running" leave the outcome open: the retry must reuse the key. */
export function isOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.isNetworkError || err.status >= 500 || err.code === ErrorCode.IDEMPOTENCY_IN_PROGRESS;
}

/**
 * One Idempotency-Key per user action on a claim: the same action with the same body after a failure whose
 * outcome is unknown reuses its key (the server replays instead of acting twice); anything else gets a new one.
 */
export function createActionKeys() {
  const pending = new Map<string, { body: string; key: string }>();
  return {
    keyFor(action: string, body: unknown): string {
      const text = JSON.stringify(body ?? null);
      const kept = pending.get(action);
      if (kept && kept.body === text) return kept.key;
      const key = newIdempotencyKey();
      pending.set(action, { body: text, key });
      return key;
    },
    /** Call after the request: success or a definite refusal frees the key. */
    settle(action: string, err?: unknown): void {
      if (err === undefined || !isOutcomeUnknown(err)) pending.delete(action);
    },
  };
}
export type ActionKeys = ReturnType<typeof createActionKeys>;

// ---- photos ----

function transportError(reason: unknown): ApiError {
  const text = String((reason as { errMsg?: string } | null)?.errMsg ?? (reason as Error | null)?.message ?? '');
  const code = /timeout|timed out/i.test(text) ? ClientErrorCode.TIMEOUT : ClientErrorCode.NETWORK_ERROR;
  return new ApiError({ status: 0, code, message: CLIENT_ERROR_MESSAGES[code] });
}

function authHeader(): Record<string, string> {
  const token = getAccessToken();
  return token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : { Accept: 'application/json' };
}

/** Uploads and downloads bypass the JSON client: on 401 let it refresh the session (single flight), then try once more. */
async function withFreshSession<R extends { statusCode: number }>(send: () => Promise<R>): Promise<R> {
  const first = await send();
  if (first.statusCode !== 401) return first;
  await http.get('/api/me', { retries: 0 });
  return send();
}

/**
 * Uploads one photo (multipart field `file`) with Taro.uploadFile — the same call on weapp and H5, where the
 * path is the blob URL chooseImage returned. `onProgress` gets 0–100.
 */
export async function uploadClaimPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
  const send = async () => {
    const task = Taro.uploadFile({ url: `${API_BASE}/api/claims/attachments`, filePath, name: 'file', header: authHeader(), timeout: UPLOAD_TIMEOUT_MS });
    if (onProgress && typeof task.progress === 'function') task.progress((p) => onProgress(p.progress));
    try {
      const res = await task;
      return { statusCode: res.statusCode, data: res.data as unknown };
    } catch (err) {
      throw transportError(err);
    }
  };
  const res = await withFreshSession(send);
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res.statusCode, res.data);
  const body = (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as UploadedPhoto[] | UploadedPhoto;
  const photo = Array.isArray(body) ? body[0] : body;
  if (!photo?.id) throw toApiError(500, undefined);
  return photo;
}

const photoCache = new Map<string, string>();

/**
 * A displayable source for an attachment (the route needs the auth header, so <Image src> cannot fetch it):
 * Taro.downloadFile gives a temp file on weapp and a blob URL on H5. Cached for the session.
 */
export async function loadClaimPhoto(id: string): Promise<string> {
  const cached = photoCache.get(id);
  if (cached) return cached;
  const send = async () => {
    try {
      const res = await Taro.downloadFile({ url: `${API_BASE}/api/claims/attachments/${enc(id)}`, header: authHeader() });
      return { statusCode: res.statusCode, tempFilePath: res.tempFilePath };
    } catch (err) {
      throw transportError(err);
    }
  };
  const res = await withFreshSession(send);
  if (res.statusCode !== 200 || !res.tempFilePath) throw toApiError(res.statusCode || 500, undefined);
  photoCache.set(id, res.tempFilePath);
  return res.tempFilePath;
}
