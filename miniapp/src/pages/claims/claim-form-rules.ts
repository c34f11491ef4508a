import { CLAIM_CATEGORIES, CLAIM_RULES, isValidMobile, MOBILE_MESSAGE, normalizeMobile, parseYuan, type ClaimCategory, type ClaimContactDefaults } from '@nuanxin/shared';
import type { ContactPreference, CreateClaimRequest } from '../../services/claims';

export const CLAIM_FORM_ID = 'claim';

/** Xiamen's district unions: where a non-member whose employer has no union is routed. */
export const DISTRICTS = [
  { code: 'XM-SM', label: '思明区' },
  { code: 'XM-HL', label: '湖里区' },
  { code: 'XM-JM', label: '集美区' },
  { code: 'XM-HC', label: '海沧区' },
  { code: 'XM-TA', label: '同安区' },
  { code: 'XM-XA', label: '翔安区' },
] as const;

export const CONTACT_OPTIONS: ReadonlyArray<{ code: ContactPreference; label: string }> = [
  { code: 'message', label: '消息通知' },
  { code: 'phone', label: '电话联系' },
];

export const DESCRIPTION_MIN = 5;
export const EMPLOYER_MAX = 100;
export const CONTACT_NAME_MAX = 50;

/** The employer's union as picked (an enterprise-level org: a platform or company union). */
export interface EmployerOrg {
  code: string;
  name: string;
  parentName?: string | null;
}

/** `search`: pick the employer's union (then the name is an optional station); `name`: no union, type the name. */
export type EmployerMode = 'search' | 'name';

/** What the form holds (and the draft keeps): display text as typed, the employer union as picked. */
export interface ClaimDraftData {
  category: ClaimCategory | null;
  employerMode: EmployerMode;
  employerOrg: EmployerOrg | null;
  /** Required in `name` mode; the station or branch (optional) once a union is picked. */
  employerName: string;
  /** Yuan as typed, e.g. `3500` or `3500.50`. */
  amount: string;
  description: string;
  photoIds: string[];
  contactPreference: ContactPreference;
  districtCode: string | null;
  /** The name to be addressed by (prefilled from the membership). */
  contactName: string;
  /** 电话联系: a typed mobile; kept in storage only while a retry is pending (see `draftToStore`). */
  contactMobile: string;
  /** 电话联系 with the mobile the server keeps (shown masked) instead of a typed one. */
  useSavedMobile: boolean;
}

export const EMPTY_CLAIM: ClaimDraftData = {
  category: null,
  employerMode: 'search',
  employerOrg: null,
  employerName: '',
  amount: '',
  description: '',
  photoIds: [],
  contactPreference: 'message',
  districtCode: null,
  contactName: '',
  contactMobile: '',
  useSavedMobile: false,
};

/** Form fields, named like the request fields the server reports errors for. */
export type ClaimField =
  | 'category'
  | 'employerOrgCode'
  | 'employerName'
  | 'amountFen'
  | 'description'
  | 'attachmentIds'
  | 'contactPreference'
  | 'contactName'
  | 'contactMobile'
  | 'districtCode';
export const CLAIM_FIELDS: ClaimField[] = [
  'category',
  'employerOrgCode',
  'employerName',
  'amountFen',
  'description',
  'attachmentIds',
  'contactPreference',
  'contactName',
  'contactMobile',
  'districtCode',
];

export const CLAIM_MESSAGES = {
  category: '请选择诉求类别',
  employerName: '请填写用人单位或平台名称',
  employerPick: '请搜索并选择单位工会；单位没有工会的，点「单位没有工会」直接填写单位名称',
  amountFormat: '金额请填数字，最多两位小数，如 3500 或 3500.50',
  amountPositive: '金额应大于 0',
  description: `请描述遇到的问题（至少 ${DESCRIPTION_MIN} 个字）`,
  contactName: '选择电话联系时，请填写怎么称呼你',
  contactMobile: '选择电话联系时，请填写手机号',
  mobileFormat: MOBILE_MESSAGE,
};

/** '' → undefined (not given); otherwise fen or null when it does not parse. */
export function amountToFen(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  if (!trimmed) return undefined;
  return parseYuan(trimmed);
}

/** The first problem with a field, or null. */
export function fieldProblem(field: ClaimField, v: ClaimDraftData): string | null {
  switch (field) {
    case 'category':
      return v.category && CLAIM_CATEGORIES.some((c) => c.code === v.category) ? null : CLAIM_MESSAGES.category;
    case 'employerName':
      if (v.employerOrg) return null;
      if (v.employerMode === 'search') return CLAIM_MESSAGES.employerPick;
      return v.employerName.trim() ? null : CLAIM_MESSAGES.employerName;
    case 'amountFen': {
      const fen = amountToFen(v.amount);
      if (fen === undefined) return null;
      if (fen === null) return CLAIM_MESSAGES.amountFormat;
      return fen > 0 ? null : CLAIM_MESSAGES.amountPositive;
    }
    case 'description':
      return v.description.trim().length >= DESCRIPTION_MIN ? null : CLAIM_MESSAGES.description;
    case 'contactName':
      return v.contactPreference === 'phone' && !v.contactName.trim() ? CLAIM_MESSAGES.contactName : null;
    case 'contactMobile':
      if (v.contactPreference !== 'phone' || v.useSavedMobile) return null;
      if (!v.contactMobile.trim()) return CLAIM_MESSAGES.contactMobile;
      return isValidMobile(v.contactMobile) ? null : CLAIM_MESSAGES.mobileFormat;
    default:
      return null;
  }
}

export function formProblems(v: ClaimDraftData): Partial<Record<ClaimField, string>> {
  const out: Partial<Record<ClaimField, string>> = {};
  CLAIM_FIELDS.forEach((f) => {
    const p = fieldProblem(f, v);
    if (p) out[f] = p;
  });
  return out;
}

/** Whether the mobile's problem shows yet: once 11 digits are in, once the field was left, after a submit. */
export function mobileJudged(v: ClaimDraftData, left: boolean, submitted: boolean): boolean {
  return submitted || left || normalizeMobile(v.contactMobile).length >= 11;
}

/**
 * The server's defaults fill what the worker has not typed: the name, and (with a mobile kept) the saved mobile
 * until they choose to type another. A draft's own values win.
 */
export function withDefaults(v: ClaimDraftData, d: ClaimContactDefaults | null): ClaimDraftData {
  if (!d) return v;
  return {
    ...v,
    contactName: v.contactName.trim() ? v.contactName : (d.name ?? ''),
    useSavedMobile: Boolean(d.mobileMasked) && !v.contactMobile.trim(),
  };
}

/** What the typing draft keeps: a mobile only while a retry of exactly that submit is pending. */
export function draftToStore(v: ClaimDraftData, retryPending: boolean): ClaimDraftData {
  return retryPending ? v : { ...v, contactMobile: '' };
}

/** A draft saved before the employer picker existed has no mode: a typed name without a union means `name`. */
export function restoreDraft(data: Partial<ClaimDraftData> | undefined): ClaimDraftData {
  const v = { ...EMPTY_CLAIM, ...(data ?? {}) };
  if (!data?.employerMode && !v.employerOrg && v.employerName.trim()) v.employerMode = 'name';
  return v;
}

/** POST /api/claims body; optional fields only when given (with a union picked, the name is optional). */
export function toCreateRequest(v: ClaimDraftData): CreateClaimRequest {
  const amountFen = amountToFen(v.amount);
  const employerName = v.employerName.trim();
  return {
    category: v.category as ClaimCategory,
    ...(v.employerOrg ? { employerOrgCode: v.employerOrg.code } : {}),
    ...(employerName || !v.employerOrg ? { employerName } : {}),
    ...(typeof amountFen === 'number' ? { amountFen } : {}),
    description: v.description.trim().slice(0, CLAIM_RULES.descriptionMax),
    ...(v.photoIds.length ? { attachmentIds: v.photoIds } : {}),
    contactPreference: v.contactPreference,
    ...(v.districtCode ? { districtCode: v.districtCode } : {}),
    ...(v.contactName.trim() ? { contactName: v.contactName.trim().slice(0, CONTACT_NAME_MAX) } : {}),
    // 消息通知 keeps no number: none is sent even when one was typed before switching.
    ...(v.contactPreference === 'phone' ? (v.useSavedMobile ? { useSavedMobile: true } : { contactMobile: normalizeMobile(v.contactMobile) }) : {}),
  };
}
