import { CLAIM_CATEGORIES, CLAIM_STATUSES, CLAIM_STATUS_LABELS, type ClaimCategory, type ClaimStatus } from '@nuanxin/shared';
import type { LedgerFilters } from '../../../services/claims-ledger';
import { periodRange, type PeriodKey } from '../../components/claims-period';

/** What the filter chips hold; `null` = 不限. */
export interface LedgerFilterState {
  period: PeriodKey;
  status: ClaimStatus | null;
  category: ClaimCategory | null;
  tier: 1 | 2 | 3 | null;
  org: string | null;
  overdue: boolean | null;
  rating: string | null;
}

export const INITIAL_FILTERS: LedgerFilterState = { period: 'year', status: null, category: null, tier: null, org: null, overdue: null, rating: null };

export const STATUS_OPTIONS = CLAIM_STATUSES.map((s) => ({ value: s, label: CLAIM_STATUS_LABELS[s] }));
export const CATEGORY_OPTIONS = CLAIM_CATEGORIES.map((c) => ({ value: c.code as ClaimCategory, label: c.label }));
export const TIER_OPTIONS = [
  { value: 1 as const, label: '工会调解' },
  { value: 2 as const, label: '联动调处中心' },
  { value: 3 as const, label: '仲裁/诉讼引导' },
];
export const OVERDUE_OPTIONS = [
  { value: true, label: '已超期' },
  { value: false, label: '未超期' },
];
export const RATING_OPTIONS = [
  { value: 'satisfied', label: '满意（4–5 星）' },
  { value: '5', label: '5 星' },
  { value: '4', label: '4 星' },
  { value: '3', label: '3 星' },
  { value: '2', label: '2 星' },
  { value: '1', label: '1 星' },
  { value: 'none', label: '未评价' },
];

/** The chips' state as the server's filters (the same object starts an export). */
export function toLedgerFilters(s: LedgerFilterState, now: Date = new Date()): LedgerFilters {
  const f: LedgerFilters = { ...periodRange(s.period, now) };
  if (s.status) f.status = s.status;
  if (s.category) f.category = s.category;
  if (s.tier) f.tier = s.tier;
  if (s.org) f.org = s.org;
  if (s.overdue !== null) f.overdue = s.overdue;
  if (s.rating) f.rating = s.rating;
  return f;
}
