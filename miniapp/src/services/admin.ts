import type { AuditAction, HostType, MerchantDetail, MerchantPage, OrgLevel, StationLevel, WeeklyHours } from '@nuanxin/shared';
import { http } from './http';
import type { CursorPage } from '../utils/use-cursor-list';

/** Administration for the staff pages: the org tree, staff and their roles, imports, one station, the audit log. */

/** One org as GET /api/orgs/:code/subtree lists it (the whole subtree, top-down). */
export interface OrgNode {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  depth: number;
  autoApprove: boolean;
  catchAll: boolean;
  isMediationCentre: boolean;
  active: boolean;
  /** Union mediation deadline in working days; null = the default 3. */
  mediationWorkdays: number | null;
}

export interface OrgPatch {
  name?: string;
  autoApprove?: boolean;
  catchAll?: boolean;
  isMediationCentre?: boolean;
  mediationWorkdays?: number | null;
}

export interface NewOrg {
  parentCode: string;
  code: string;
  name: string;
  level: OrgLevel;
  autoApprove?: boolean;
}

export type StaffRole = 'officer' | 'station_master' | 'merchant' | 'admin';

export interface StaffStation {
  id: string;
  code: string | null;
  name: string | null;
}

export interface StaffGrant {
  id: string;
  userId: string;
  nickname: string | null;
  mobileMasked: string | null;
  role: StaffRole;
  station: StaffStation | null;
  merchantId: string | null;
  createdAt: string;
}

export interface StaffInvitation {
  id: string;
  mobileMasked: string;
  role: StaffRole;
  station: StaffStation | null;
  merchantId: string | null;
  createdAt: string;
}

export interface StaffList {
  org: { code: string; name: string; level: OrgLevel };
  grants: StaffGrant[];
  invitations: StaffInvitation[];
}

export interface GrantRequest {
  mobile: string;
  role: StaffRole;
  orgCode?: string;
  stationId?: string;
  merchantId?: string;
}

export interface GrantResult {
  status: 'granted' | 'invited' | 'unchanged';
  grant: StaffGrant | null;
  invitation: StaffInvitation | null;
}

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface OrgImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
}

export interface NewStation {
  name: string;
  address: string;
  district: string;
  lat: number;
  lng: number;
  level: StationLevel;
  parentCode?: string;
  hostType: HostType;
  orgCode: string;
  hours: WeeklyHours;
  services: string[];
  phone?: string;
}

export interface CreatedStation {
  id: string;
  code: string;
  name: string;
  orgCode: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actionLabel: string;
  actor: { id: string; role: string | null; orgName: string | null; nickname: string | null; mobileMasked: string | null } | null;
  subject: { userId: string | null; masked: string | null };
  object: { type: string; id: string | null } | null;
  org: { id: string; code: string | null; name: string | null } | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditFilters {
  action?: AuditAction;
  actorMobile?: string;
  subjectMobile?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

const enc = encodeURIComponent;

export function fetchSubtree(code: string): Promise<OrgNode[]> {
  return http.get<OrgNode[]>(`/api/orgs/${enc(code)}/subtree`);
}

export function updateOrg(code: string, patch: OrgPatch): Promise<OrgNode> {
  return http.patch<OrgNode>(`/api/orgs/${enc(code)}`, patch);
}

export function createOrg(body: NewOrg, idempotencyKey: string): Promise<OrgNode> {
  return http.post<OrgNode>('/api/orgs', body, { idempotencyKey });
}

/** The org's permanent join code as an image URL (public route: an <Image> or a download can use it directly). */
export function orgQrcodeUrl(code: string): string {
  return `${process.env.TARO_APP_API_BASE ?? ''}/api/orgs/${enc(code)}/qrcode`;
}

export function fetchStaff(orgCode: string): Promise<StaffList> {
  return http.get<StaffList>('/api/admin/staff', { query: { orgCode } });
}

export function grantRole(body: GrantRequest, idempotencyKey: string): Promise<GrantResult> {
  return http.post<GrantResult>('/api/admin/grants', body, { idempotencyKey });
}

/** Partner merchants signed by this org or below (a merchant-role grant names one), narrowed by name or address. */
export function fetchGrantableMerchants(orgCode: string, q?: string, after?: string | null): Promise<MerchantPage> {
  return http.get<MerchantPage>('/api/benefits/merchants/manage', { query: { orgCode, q: q || undefined, after: after ?? undefined } });
}

export function fetchMerchantDetail(id: string): Promise<MerchantDetail> {
  return http.get<MerchantDetail>(`/api/benefits/merchants/${enc(id)}`);
}

export function revokeGrant(id: string): Promise<void> {
  return http.delete<void>(`/api/admin/grants/${enc(id)}`);
}

export function cancelInvitation(id: string): Promise<void> {
  return http.delete<void>(`/api/admin/invitations/${enc(id)}`);
}

export function importOrgs(csv: string, dryRun: boolean): Promise<OrgImportResult> {
  return http.post<OrgImportResult>('/api/admin/orgs/import', { csv, dryRun });
}

export function createStation(body: NewStation, idempotencyKey: string): Promise<CreatedStation> {
  return http.post<CreatedStation>('/api/stations', body, { idempotencyKey });
}

export function fetchAudit(filters: AuditFilters, cursor?: string): Promise<CursorPage<AuditEntry>> {
  return http.get<CursorPage<AuditEntry>>('/api/audit', { query: { ...filters, cursor } });
}
