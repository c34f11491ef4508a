/** Occupations offered on the join form. */
export const OCCUPATIONS = ['快递员', '外卖配送员', '网约车司机', '货车司机', '家政服务员', '其他'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const ApplicationStatus = {
  PENDING: 'pending',
  APPROVED: 'approved',
  REJECTED: 'rejected',
} as const;
export type ApplicationStatus = (typeof ApplicationStatus)[keyof typeof ApplicationStatus];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
};

export type ApplicationKind = 'join' | 'transfer';

export const MembershipStatus = { ACTIVE: 'active', ENDED: 'ended' } as const;
export type MembershipStatus = (typeof MembershipStatus)[keyof typeof MembershipStatus];

/** Officers pick one of these when rejecting, then may add their own words. */
export const REJECT_REASONS = [
  '所填信息与身份证件不一致',
  '所在单位已建工会，请向单位工会申请',
  '不属于本工会服务范围，请选择所在区的工会',
  '重复申请',
] as const;

/** Card QR tokens live this long; the app refreshes before. */
export const CARD_TOKEN_TTL_SECONDS = 300;

/** Xiamen's promise: a decision within 30 minutes of the application. */
export const JOIN_DECISION_TARGET_MINUTES = 30;

/** `XM2026000123`: city prefix, year of issue, six-digit sequence. */
export function formatMemberNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}${year}${String(seq).padStart(6, '0')}`;
}

export const MEMBER_NUMBER_PATTERN = /^[A-Z]{2,4}\d{4}\d{6,}$/;
