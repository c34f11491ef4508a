/** Claims (我有事办): categories, statuses, the state machine and its roles. Enforced by the server. */

export const CLAIM_CATEGORIES = [
  { code: 'wages', label: '欠薪' },
  { code: 'bonus', label: '奖金/提成' },
  { code: 'contract', label: '劳动合同' },
  { code: 'social_insurance', label: '社会保险' },
  { code: 'injury', label: '工伤/交通事故' },
  { code: 'platform_rules', label: '平台规则变更' },
  { code: 'personal_injury', label: '人身损害' },
  { code: 'other', label: '其他' },
] as const;
export type ClaimCategory = (typeof CLAIM_CATEGORIES)[number]['code'];
export const CLAIM_CATEGORY_CODES: readonly ClaimCategory[] = CLAIM_CATEGORIES.map((c) => c.code);

export const CLAIM_STATUSES = ['submitted', 'accepted', 'in_progress', 'escalated', 'transferred', 'resolved', 'reopened', 'closed', 'withdrawn', 'referred', 'arbitration'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '调解中',
  escalated: '已上报上级工会',
  transferred: '已转交其他部门',
  resolved: '已办结，待评价',
  reopened: '已重新办理',
  closed: '已关闭',
  withdrawn: '已撤回',
  referred: '已转联动调处中心',
  arbitration: '已引导仲裁',
};

export const TERMINAL_CLAIM_STATUSES: readonly ClaimStatus[] = ['closed', 'withdrawn'];
/** Statuses in which the union still owes the worker something (counted as open work). */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = ['submitted', 'accepted', 'in_progress', 'escalated', 'reopened', 'referred', 'arbitration'];
/** Waiting for the org that owns the claim now to accept it: the first-response deadline runs. */
export const AWAITING_CLAIM_STATUSES: readonly ClaimStatus[] = ['submitted', 'escalated', 'reopened', 'referred'];
/** Being mediated by the org that owns it: the mediation deadline runs. */
export const WORKING_CLAIM_STATUSES: readonly ClaimStatus[] = ['accepted', 'in_progress'];

export type ClaimActor = 'worker' | 'officer' | 'system';

export const CLAIM_ACTIONS = [
  'accept',
  'reply',
  'note',
  'assign',
  'escalate',
  'transfer',
  'resolve',
  'message',
  'withdraw',
  'rate',
  'reopen',
  'auto_close',
  // issue 13: tiers, the law's day-15 choice, follow-through on agreements
  'refer',
  'auto_refer',
  'auto_escalate',
  'continue_mediation',
  'apply_arbitration',
  'payment_received',
  'payment_missed',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

interface Rule {
  from: readonly ClaimStatus[];
  /** `null` keeps the status. */
  to: ClaimStatus | null;
  by: ClaimActor;
}

const WORKING = WORKING_CLAIM_STATUSES;
const AWAITING = AWAITING_CLAIM_STATUSES;
const OPEN: readonly ClaimStatus[] = [...AWAITING, ...WORKING];
/** Open, plus tier 3 (已引导仲裁): still the union's until the officer records the outcome. */
const OPEN_OR_GUIDED: readonly ClaimStatus[] = [...OPEN, 'arbitration'];
/** Where an agreement's payments are followed up (after resolution, rated or not). */
const AGREED: readonly ClaimStatus[] = ['resolved', 'closed'];

/** The whole machine: who may do what from which status, and where it leads. */
export const CLAIM_TRANSITIONS: Record<ClaimAction, Rule> = {
  accept: { from: AWAITING, to: 'accepted', by: 'officer' },
  reply: { from: WORKING, to: 'in_progress', by: 'officer' },
  note: { from: [...OPEN_OR_GUIDED, 'resolved', 'transferred'], to: null, by: 'officer' },
  assign: { from: OPEN_OR_GUIDED, to: null, by: 'officer' },
  escalate: { from: OPEN, to: 'escalated', by: 'officer' },
  transfer: { from: WORKING, to: 'transferred', by: 'officer' },
  /** From tier 3 the officer records the arbitration or court outcome. */
  resolve: { from: [...WORKING, 'arbitration'], to: 'resolved', by: 'officer' },
  message: { from: OPEN_OR_GUIDED, to: null, by: 'worker' },
  withdraw: { from: OPEN_OR_GUIDED, to: 'withdrawn', by: 'worker' },
  rate: { from: ['resolved', 'transferred'], to: 'closed', by: 'worker' },
  reopen: { from: ['closed'], to: 'reopened', by: 'worker' },
  auto_close: { from: ['resolved', 'transferred'], to: 'closed', by: 'system' },
  /** 疑难: the officer marks the case difficult and refers it to the linkage mediation centre (tier 2). */
  refer: { from: WORKING, to: 'referred', by: 'officer' },
  /** Tier-1 mediation overdue: the clock refers it to the centre. */
  auto_refer: { from: WORKING, to: 'referred', by: 'system' },
  /** First response overdue by one more working day: the clock hands it to the parent org. */
  auto_escalate: { from: AWAITING, to: 'escalated', by: 'system' },
  /** Art. 14, day 15: the worker consents to mediation continuing (offered only once the day has come). */
  continue_mediation: { from: [...WORKING, 'referred'], to: null, by: 'worker' },
  /** The worker goes to arbitration (tier 3): the claim shows the guidance until the officer records the outcome. */
  apply_arbitration: { from: OPEN, to: 'arbitration', by: 'worker' },
  /** An agreement's payment came (已收到) or did not (未收到: back to the same org, with the art. 16 guidance). */
  payment_received: { from: AGREED, to: null, by: 'worker' },
  payment_missed: { from: AGREED, to: 'reopened', by: 'worker' },
};

/** The next status, or null when the action is not allowed for that actor in that status. */
export function nextClaimStatus(status: ClaimStatus, action: ClaimAction, actor: ClaimActor): ClaimStatus | null {
  const rule = CLAIM_TRANSITIONS[action];
  if (rule.by !== actor || !rule.from.includes(status)) return null;
  return rule.to ?? status;
}

/** Actions an actor may take now (drives which buttons a page shows). */
export function allowedClaimActions(status: ClaimStatus, actor: ClaimActor): ClaimAction[] {
  return CLAIM_ACTIONS.filter((a) => nextClaimStatus(status, a, actor) !== null);
}

export const CLAIM_OUTCOMES = [
  { code: 'mediated', label: '调解成功' },
  { code: 'not_mediated', label: '调解未成功' },
  { code: 'referred', label: '已转交其他部门' },
  { code: 'withdrawn', label: '职工撤回' },
  { code: 'arbitrated', label: '经仲裁或诉讼处理' },
] as const;
export type ClaimOutcome = (typeof CLAIM_OUTCOMES)[number]['code'];

export const TRANSFER_DEPARTMENTS = [
  { code: 'labour_bureau', label: '人力资源和社会保障局（劳动监察）' },
  { code: 'arbitration', label: '劳动人事争议仲裁委员会' },
  { code: 'court', label: '人民法院' },
  { code: 'other', label: '其他部门' },
] as const;
export type TransferDepartment = (typeof TRANSFER_DEPARTMENTS)[number]['code'];

export const CLAIM_RULES = {
  descriptionMax: 2000,
  photosMax: 9,
  /** Photos uploaded and not yet attached to a claim, per person (they are purged after 24 h). */
  unattachedPhotosMax: 30,
  photoBytesMax: 5 * 1024 * 1024,
  firstResponseWorkdays: 1,
  mediationWorkdays: 3,
  /** After resolution: rating window, the low-score reopen window and the auto-close delay, in days. */
  ratingWindowDays: 7,
  reopenMaxScore: 2,
  reopenLimit: 1,
} as const;

/** A low rating may reopen the claim once, within the window after resolution. */
export function canReopen(input: { status: ClaimStatus; ratingScore: number | null; resolvedAt: Date | null; reopenCount: number; now: Date }): boolean {
  const { status, ratingScore, resolvedAt, reopenCount, now } = input;
  if (nextClaimStatus(status, 'reopen', 'worker') === null) return false;
  if (ratingScore === null || ratingScore > CLAIM_RULES.reopenMaxScore) return false;
  if (reopenCount >= CLAIM_RULES.reopenLimit || !resolvedAt) return false;
  return now.getTime() - resolvedAt.getTime() <= CLAIM_RULES.ratingWindowDays * 86400_000;
}

/** `SQ2026000123`: 诉求, year, six-digit sequence. */
export function formatClaimNumber(year: number, seq: number): string {
  return `SQ${year}${String(seq).padStart(6, '0')}`;
}
