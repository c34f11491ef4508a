import {
  type AgreementInput,
  type AgreementView,
  type ArbitrationGuide,
  type ArbitrationPromptState,
  type ClaimAction,
  type ClaimCategory,
  type ClaimContactDefaults,
  type ClaimContactView,
  type ClaimOutcome,
  type ClaimStatus,
  type HandlingTier,
  type PaymentAnswerInput,
  type PaymentPrompt,
  type RevealPhoneAnswer,
  type TransferDepartment,
} from '@nuanxin/shared';
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
  // ---- issue 13 (absent on older servers) ----
  /** Who filed it: name and masked mobile for officers in scope; the worker's own, masked. */
  contact?: ClaimContactView | null;
  /** 1 union mediation, 2 linkage mediation centre, 3 guided to arbitration or court. */
  handlingTier?: HandlingTier;
  /** 疑难: referred to the centre by an officer (or by the clock). */
  difficult?: boolean;
  tierEnteredAt?: string | null;
  mediationReceivedAt?: string | null;
  /** Art. 14: the Beijing date from which the worker may apply for arbitration, at the current tier. */
  arbitrationRightDate?: string | null;
  arbitrationRightAt?: string | null;
  arbitrationPrompt?: ArbitrationPromptState;
  continuedMediationConsentAt?: string | null;
  agreement?: AgreementView | null;
  agreedFen?: number | null;
  /** Confirmed by the worker only. */
  recoveredFen?: number | null;
  /** The worker's 是否已收到 question (never for officers). */
  paymentPrompt?: PaymentPrompt | null;
  /** The worker answered 未收到: show the art. 16 支付令 guidance. */
  paymentMissedAt?: string | null;
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
  /** The name to be addressed by; left out → the membership name, if any. */
  contactName?: string;
  /** 电话联系 only: a typed mobile, or `useSavedMobile` for the one the server keeps (shown masked). */
  contactMobile?: string;
  useSavedMobile?: boolean;
}

export interface ResolveRequest {
  outcome: Exclude<ClaimOutcome, 'withdrawn'>;
  amountRecoveredFen?: number;
  summary: string;
  /** Only with `mediated`, when money is owed. */
  agreement?: AgreementInput;
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

/** What the filing form prefills: the member's name, the masked mobile of an SMS-verified login. */
export function fetchContactDefaults(): Promise<ClaimContactDefaults> {
  return http.get<ClaimContactDefaults>('/api/claims/contact-defaults', { retries: 0 });
}

/** Art. 14 day 15: 继续调解 (the consent goes on the timeline). */
export function continueMediation(id: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/continue-mediation`, {}, { idempotencyKey });
}

/** 申请仲裁: tier 3, the guidance shows. */
export function applyArbitration(id: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/apply-arbitration`, {}, { idempotencyKey });
}

/** 是否已收到 one instalment of the agreement. */
export function answerPayment(id: string, body: PaymentAnswerInput, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/payment`, body, { idempotencyKey });
}

/** Tier 3: the commission for the employer's district, hotlines, what to bring, the law texts. */
export function fetchArbitrationGuide(id: string): Promise<ArbitrationGuide> {
  return http.get<ArbitrationGuide>(`${base(id)}/arbitration-guide`);
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

/** 疑难: refer to the linkage mediation centre (tier 2). */
export function referClaim(id: string, note: string, idempotencyKey: string): Promise<Claim> {
  return http.post<Claim>(`${base(id)}/refer`, { note }, { idempotencyKey });
}

/** 拨打电话: the full mobile for makePhoneCall (the server records who asked); not kept by the caller. */
export async function revealClaimPhone(id: string): Promise<string> {
  const { mobile } = await http.post<RevealPhoneAnswer>(`${base(id)}/reveal-phone`, {});
  return mobile;
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
