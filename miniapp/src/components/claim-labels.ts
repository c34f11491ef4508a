import {
  AWAITING_CLAIM_STATUSES,
  CLAIM_CATEGORIES,
  CLAIM_OUTCOMES,
  CLAIM_STATUS_LABELS,
  ErrorCode,
  formatYuan,
  HANDLING_TIER_LABELS,
  TRANSFER_DEPARTMENTS,
  WORKING_CLAIM_STATUSES,
  type ClaimStatus,
  type HandlingTier,
} from '@nuanxin/shared';
import { ApiError } from '../services/http';
import type { Claim, ClaimEvent } from '../services/claims';
import { formatDateTime } from '../utils/format';

/** Words the claim pages share (worker and staff); page-only words stay in each page. */
export const CLAIM_TEXT = {
  firstResponseDue: '受理期限',
  mediationDue: '调解期限',
  estimated: '预计',
  estimatedHint: '当年放假安排尚未公布，这个期限按周一至周五估算，公布后以正式日历为准。',
  overdue: '已超期',
  org: '办理工会',
  tier: '办理层级',
  difficult: '疑难',
  internal: '内部',
  contact: { message: '消息通知', phone: '电话联系' } as Record<string, string>,
  who: {
    worker: { worker: '我', officer: '工会', system: '系统' },
    staff: { worker: '职工', officer: '工会', system: '系统' },
  },
  refresh: '刷新',
};

/** What each timeline step is called. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交诉求',
  accept: '受理',
  reply: '答复',
  note: '内部备注',
  assign: '指定承办人',
  escalate: '上报上级工会',
  transfer: '转交其他部门',
  resolve: '办结',
  message: '补充说明',
  withdraw: '撤回',
  rate: '评价',
  reopen: '重新办理',
  auto_close: '自动关闭',
  refer: '转联动调处中心（疑难）',
  auto_refer: '调解超期，转联动调处中心',
  auto_escalate: '超期未受理，自动上报上级工会',
  continue_mediation: '同意继续调解',
  apply_arbitration: '申请仲裁',
  payment_received: '确认已收到款项',
  payment_missed: '未收到约定款项',
  reveal_phone: '查看职工电话',
};

/** 办理层级 as a badge: `第 2 级 · 联动调处中心调解`. */
export function tierLabel(tier: HandlingTier): string {
  return `第 ${tier} 级 · ${HANDLING_TIER_LABELS[tier] ?? ''}`;
}

export function categoryLabel(code: string): string {
  return CLAIM_CATEGORIES.find((c) => c.code === code)?.label ?? code;
}

export function statusLabel(status: ClaimStatus): string {
  return CLAIM_STATUS_LABELS[status] ?? status;
}

export function outcomeLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return CLAIM_OUTCOMES.find((o) => o.code === code)?.label ?? code;
}

export function departmentLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return TRANSFER_DEPARTMENTS.find((d) => d.code === code)?.label ?? code;
}

const AWAITING = AWAITING_CLAIM_STATUSES;
const WORKING = WORKING_CLAIM_STATUSES;

export interface NextDeadline {
  label: string;
  /** `2026-11-24 23:59` */
  text: string;
  /** This deadline was counted Monday–Friday: that year's official calendar is not published yet (预计). */
  estimated: boolean;
  overdue: boolean;
}

type DeadlineFields = 'status' | 'firstResponseDueAt' | 'mediationDueAt' | 'deadlineEstimated' | 'firstResponseEstimated' | 'mediationEstimated' | 'overdue';

/**
 * The deadline that applies now: acceptance while waiting for the union, mediation while it works; none after.
 * Its own estimated flag when the server sends one, else the claim-wide deadlineEstimated.
 */
export function nextDeadline(claim: Pick<Claim, DeadlineFields>): NextDeadline | null {
  let label: string;
  let at: string | null;
  let estimated: boolean | undefined;
  if (AWAITING.includes(claim.status)) {
    label = CLAIM_TEXT.firstResponseDue;
    at = claim.firstResponseDueAt;
    estimated = claim.firstResponseEstimated;
  } else if (WORKING.includes(claim.status)) {
    label = CLAIM_TEXT.mediationDue;
    at = claim.mediationDueAt;
    estimated = claim.mediationEstimated;
  } else return null;
  if (!at) return null;
  return { label, text: formatDateTime(at), estimated: estimated ?? claim.deadlineEstimated, overdue: claim.overdue };
}

/** The extra facts a step carries (outcome, amount recovered, stars) in one line; null when none. */
export function eventDetail(event: ClaimEvent): string | null {
  const data = event.data ?? {};
  const parts: string[] = [];
  if (event.kind === 'resolve') {
    const outcome = outcomeLabel(typeof data.outcome === 'string' ? data.outcome : null);
    if (outcome) parts.push(outcome);
    if (typeof data.amountRecoveredFen === 'number') parts.push(`追回金额 ${formatYuan(data.amountRecoveredFen)}`);
  }
  if (event.kind === 'rate' && typeof data.score === 'number') parts.push(`${data.score} 星`);
  if ((event.kind === 'payment_received' || event.kind === 'payment_missed') && typeof data.amountFen === 'number') parts.push(formatYuan(data.amountFen));
  return parts.length ? parts.join(' · ') : null;
}

/** Errors that mean "the claim is not what this page shows any more": offer 刷新. */
export function isStaleClaimError(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  return (
    err.code === ErrorCode.CLAIM_ACTION_NOT_ALLOWED ||
    err.code === ErrorCode.CLAIM_STATE_CHANGED ||
    err.code === ErrorCode.CLAIM_CANNOT_REOPEN ||
    err.status === 409
  );
}
