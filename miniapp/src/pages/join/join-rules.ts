import { checkIdNumber, ID_NUMBER_MESSAGES, isValidMobile, MOBILE_MESSAGE, normalizeIdNumber, normalizeMobile, OCCUPATIONS } from '@nuanxin/shared';
import type { JoinProfile, JoinRequest } from '../../services/memberships';

export interface JoinValues {
  name: string;
  mobile: string;
  idNumber: string;
  employer: string;
  occupation: string;
  city: string;
  consent: boolean;
}

export type JoinField = keyof JoinValues;

export const JOIN_FIELDS: JoinField[] = ['name', 'mobile', 'idNumber', 'employer', 'occupation', 'city', 'consent'];

export const DEFAULT_CITY = '厦门市';

export const EMPTY_JOIN: JoinValues = { name: '', mobile: '', idNumber: '', employer: '', occupation: '', city: DEFAULT_CITY, consent: false };

export const REQUIRED_MESSAGES: Record<JoinField, string> = {
  name: '请填写姓名',
  mobile: '请填写手机号',
  idNumber: '请填写身份证号',
  employer: '请填写工作单位或平台',
  occupation: '请选择职业',
  city: '请填写所在城市',
  consent: '请阅读并同意《隐私政策》',
};

/** The first problem with one field, by the shared rules; null when it is fine. */
export function fieldProblem(field: JoinField, v: JoinValues): string | null {
  switch (field) {
    case 'mobile':
      if (!v.mobile.trim()) return REQUIRED_MESSAGES.mobile;
      return isValidMobile(v.mobile) ? null : MOBILE_MESSAGE;
    case 'idNumber': {
      if (!v.idNumber.trim()) return REQUIRED_MESSAGES.idNumber;
      const problem = checkIdNumber(v.idNumber);
      return problem ? ID_NUMBER_MESSAGES[problem] : null;
    }
    case 'occupation':
      return (OCCUPATIONS as readonly string[]).includes(v.occupation) ? null : REQUIRED_MESSAGES.occupation;
    case 'consent':
      return v.consent ? null : REQUIRED_MESSAGES.consent;
    default:
      return v[field].trim() ? null : REQUIRED_MESSAGES[field];
  }
}

/**
 * Whether a field's problem should show yet: mobile and ID number once complete or left, the rest once
 * left; everything after a submit attempt. Nobody wants red text while the first digits go in.
 */
export function isJudged(field: JoinField, v: JoinValues, left: boolean, submitted: boolean): boolean {
  if (submitted || left) return true;
  if (field === 'mobile') return normalizeMobile(v.mobile).length >= 11;
  if (field === 'idNumber') return normalizeIdNumber(v.idNumber).length >= 18;
  return false;
}

/** Identity fields the server already holds (masked here); the form shows them instead of inputs. */
export type SavedField = 'name' | 'mobile' | 'idNumber';
export type SavedIdentity = Partial<Record<SavedField, string>>;

export const SAVED_FIELDS: SavedField[] = ['name', 'mobile', 'idNumber'];

/** The masked values a profile offers; empty when it offers none. */
export function savedIdentityOf(profile: JoinProfile | null): SavedIdentity {
  if (!profile) return {};
  const out: SavedIdentity = {};
  if (profile.nameMasked) out.name = profile.nameMasked;
  if (profile.mobileMasked) out.mobile = profile.mobileMasked;
  if (profile.idNumberMasked) out.idNumber = profile.idNumberMasked;
  return out;
}

/** Fields to check: the saved ones are the server's business. */
export function fieldsToCheck(saved: SavedIdentity): JoinField[] {
  return JOIN_FIELDS.filter((f) => !(f in saved));
}

export function toJoinRequest(orgCode: string, v: JoinValues, saved: SavedIdentity = {}): JoinRequest {
  const body: JoinRequest = {
    orgCode,
    name: v.name.trim(),
    mobile: normalizeMobile(v.mobile),
    idNumber: normalizeIdNumber(v.idNumber),
    employer: v.employer.trim(),
    occupation: v.occupation,
    city: v.city.trim(),
    consent: v.consent,
  };
  const usesSaved = SAVED_FIELDS.filter((f) => f in saved);
  if (usesSaved.length === 0) return body;
  for (const f of usesSaved) delete body[f];
  return { ...body, useSavedIdentity: true };
}

/** Employer, occupation and city from the profile where the user has not typed anything yet. */
export function withProfile(v: JoinValues, profile: JoinProfile | null, typedCity: boolean): JoinValues {
  if (!profile) return v;
  return {
    ...v,
    employer: v.employer || profile.employer || '',
    occupation: v.occupation || profile.occupation || '',
    city: typedCity ? v.city : profile.city || v.city,
  };
}

/** What may sit in storage while the user types: nothing that identifies them (no mobile, no ID number). */
export interface JoinDraftData {
  orgCode?: string;
  name?: string;
  mobile?: string;
  idNumber?: string;
  employer?: string;
  occupation?: string;
  city?: string;
  consent?: boolean;
  useSavedIdentity?: boolean;
}

export function safeDraft(orgCode: string | null, v: JoinValues): JoinDraftData {
  return { ...(orgCode ? { orgCode } : {}), name: v.name, employer: v.employer, occupation: v.occupation, city: v.city };
}

export function valuesFromDraft(data: JoinDraftData): JoinValues {
  return {
    name: data.name ?? '',
    mobile: data.mobile ?? '',
    idNumber: data.idNumber ?? '',
    employer: data.employer ?? '',
    occupation: data.occupation ?? '',
    city: data.city || DEFAULT_CITY,
    consent: data.consent ?? false,
  };
}
