import type { ClaimCategory, ClaimStatus } from '@nuanxin/shared';
import { http } from './http';

// 台账, its Excel export and the dashboards (server/src/claims/claims-ledger.controller.ts; shapes in dto/ledger.dto.ts,
// dto/export.dto.ts, dto/dashboard.dto.ts). Money is integer fen; dates are Beijing `YYYY-MM-DD`.

const API_BASE = process.env.TARO_APP_API_BASE ?? '';

/** The 台账 filters (the export takes the same ones). Absent = no filter. */
export interface LedgerFilters {
  from?: string;
  to?: string;
  status?: ClaimStatus;
  category?: ClaimCategory;
  tier?: 1 | 2 | 3;
  org?: string;
  overdue?: boolean;
  /** `1`–`5`, `none` (unrated), `satisfied` (4–5 stars). */
  rating?: string;
}

/** One 台账 line: the paper columns, personal data masked by the server. */
export interface LedgerRow {
  id: string;
  number: string;
  receivedDate: string;
  worker: string;
  mobile: string;
  employerName: string;
  category: ClaimCategory;
  categoryLabel: string;
  description: string;
  amountFen: number | null;
  orgName: string;
  assignee: string;
  tier: number;
  tierLabel: string;
  dueDate: string | null;
  resolvedDate: string | null;
  status: ClaimStatus;
  resultLabel: string;
  agreedFen: number | null;
  recoveredFen: number | null;
  ratingScore: number | null;
  overdue: boolean;
  submittedAt: string;
}

export interface LedgerPage {
  items: LedgerRow[];
  nextCursor: string | null;
}

export type ExportStatus = 'pending' | 'running' | 'done' | 'failed';

export interface ExportProgress {
  id: string;
  status: ExportStatus;
  rowsTotal: number | null;
  rowsDone: number;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Signed, valid 10 minutes, no login needed; each poll issues a fresh one. Relative to the API origin. */
  downloadUrl: string | null;
  downloadExpiresAt: string | null;
}

/** A share: numerator / denominator and the percentage to one decimal (null when there is nothing to count). */
export interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  received: number;
  firstResponseOnTime: Ratio;
  mediationOnTime: Ratio;
  mediatedSuccessfully: Ratio;
  byTier: Array<{ tier: number; label: string; received: number }>;
  agreedFen: number;
  /** Worker-confirmed payments only. */
  recoveredFen: number;
  agreedUnpaidFen: number;
  averageRating: number | null;
  satisfaction: Ratio;
  overdueNow: number;
  byCategory: Array<{ category: string; label: string; received: number; mediated: number; recoveredFen: number }>;
  byMonth: Array<{ month: string; received: number; resolved: number; recoveredFen: number }>;
}

export interface PublicArea {
  name: string;
  code: string | null;
  received: number;
  closed: number;
  recoveredFen: number;
  satisfactionPercent: number | null;
  byCategory: Array<{ label: string; received: number }>;
}

export interface PublicFigures {
  year: number;
  city: PublicArea;
  districts: PublicArea[];
  asOf: string;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Only the filters that are set, in the shape the server's query parser takes. */
export function filtersToQuery(f: LedgerFilters): Query {
  const q: Query = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') q[k] = v as string | number | boolean;
  return q;
}

export function fetchLedger(filters: LedgerFilters, cursor?: string | null): Promise<LedgerPage> {
  return http.get<LedgerPage>('/api/claims/ledger', { query: { ...filtersToQuery(filters), cursor: cursor ?? undefined } });
}

export function startLedgerExport(filters: LedgerFilters, idempotencyKey: string): Promise<ExportProgress> {
  return http.post<ExportProgress>('/api/claims/exports', filtersToQuery(filters), { idempotencyKey });
}

/** No retries: the page polls again anyway. */
export function fetchLedgerExport(id: string): Promise<ExportProgress> {
  return http.get<ExportProgress>(`/api/claims/exports/${encodeURIComponent(id)}`, { retries: 0 });
}

/** The signed link as a full URL (the server sends it relative to its own origin). */
export function exportFileUrl(downloadUrl: string): string {
  return /^https?:\/\//.test(downloadUrl) ? downloadUrl : `${API_BASE}${downloadUrl}`;
}

export function fetchDashboard(q: { from?: string; to?: string; org?: string }): Promise<Dashboard> {
  return http.get<Dashboard>('/api/claims/dashboard', { query: q });
}

export function fetchPublicFigures(): Promise<PublicFigures> {
  return http.get<PublicFigures>('/api/claims/figures', { auth: false });
}
