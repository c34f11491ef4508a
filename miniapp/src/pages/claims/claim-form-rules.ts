import { CLAIM_CATEGORIES, CLAIM_RULES, parseYuan, type ClaimCategory } from '@nuanxin/shared';
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

/** What the form holds (and the draft keeps): display text as typed, the employer union as found. */
export interface ClaimDraftData {
  category: ClaimCategory | null;
  employerOrg: { code: string; name: string } | null;
  employerName: string;
  /** Yuan as typed, e.g. `3500` or `3500.50`. */
  amount: string;
  description: string;
  photoIds: string[];
  contactPreference: ContactPreference;
  districtCode: string | null;
}

export const EMPTY_CLAIM: ClaimDraftData = {
  category: null,
  employerOrg: null,
  employerName: '',
  amount: '',
  description: '',
  photoIds: [],
  contactPreference: 'message',
  districtCode: null,
};

/** Form fields, named like the request fields the server reports errors for. */
export type ClaimField = 'category' | 'employerOrgCode' | 'employerName' | 'amountFen' | 'description' | 'attachmentIds' | 'contactPreference' | 'districtCode';
export const CLAIM_FIELDS: ClaimField[] = ['category', 'employerOrgCode', 'employerName', 'amountFen', 'description', 'attachmentIds', 'contactPreference', 'districtCode'];

export const CLAIM_MESSAGES = {
  category: '请选择诉求类别',
  employerName: '请填写用人单位或平台名称',
  amountFormat: '金额请填数字，最多两位小数，如 3500 或 3500.50',
  amountPositive: '金额应大于 0',
  description: `请描述遇到的问题（至少 ${DESCRIPTION_MIN} 个字）`,
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
      return v.employerName.trim() ? null : CLAIM_MESSAGES.employerName;
    case 'amountFen': {
      const fen = amountToFen(v.amount);
      if (fen === undefined) return null;
      if (fen === null) return CLAIM_MESSAGES.amountFormat;
      return fen > 0 ? null : CLAIM_MESSAGES.amountPositive;
    }
    case 'description':
      return v.description.trim().length >= DESCRIPTION_MIN ? null : CLAIM_MESSAGES.description;
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

/** POST /api/claims body; optional fields only when given. */
export function toCreateRequest(v: ClaimDraftData): CreateClaimRequest {
  const amountFen = amountToFen(v.amount);
  return {
    category: v.category as ClaimCategory,
    ...(v.employerOrg ? { employerOrgCode: v.employerOrg.code } : {}),
    employerName: v.employerName.trim(),
    ...(typeof amountFen === 'number' ? { amountFen } : {}),
    description: v.description.trim().slice(0, CLAIM_RULES.descriptionMax),
    ...(v.photoIds.length ? { attachmentIds: v.photoIds } : {}),
    contactPreference: v.contactPreference,
    ...(v.districtCode ? { districtCode: v.districtCode } : {}),
  };
}
