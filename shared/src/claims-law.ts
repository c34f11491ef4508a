/**
 * Claims, second half (issue 13): the handling tiers, the points of the Labour Dispute Mediation and Arbitration
 * Law (劳动争议调解仲裁法) the platform acts on, and the shapes the claim pages read. Pure: no clock, no I/O.
 */
import { BEIJING_OFFSET_MS, shanghaiDate } from './beijing-time';
import type { ClaimStatus } from './claims';

const DAY_MS = 86400_000;

/** 办理层级: 1 the union mediates, 2 the linkage mediation centre (联动调处中心), 3 guided to arbitration or court. */
export const CLAIM_HANDLING_TIERS = [
  { tier: 1, label: '工会调解' },
  { tier: 2, label: '联动调处中心调解' },
  { tier: 3, label: '仲裁/诉讼引导' },
] as const;
export type HandlingTier = (typeof CLAIM_HANDLING_TIERS)[number]['tier'];
export const HANDLING_TIER_LABELS: Record<HandlingTier, string> = { 1: '工会调解', 2: '联动调处中心调解', 3: '仲裁/诉讼引导' };

export const CLAIM_LAW_RULES = {
  /** Art. 14: calendar days from the mediation body receiving the application. */
  arbitrationRightDays: 15,
  /** The linkage mediation centre's own deadline when the org sets none. */
  centreMediationWorkdays: 20,
  /** First response overdue by this many more working days → the clock escalates to the parent org. */
  autoEscalateAfterWorkdays: 1,
  /** The daily digest goes out at the first run of the clock from this Beijing hour. */
  digestHour: 8,
  /** Agreement input bounds. */
  instalmentsMax: 12,
} as const;

/**
 * Art. 14: the 15th calendar day after the mediation body received the application (the day of receipt is not
 * counted), as a Beijing date. On that day the worker is told of the right to apply for arbitration.
 */
export function arbitrationRightDate(receivedAt: Date): string {
  const d = shanghaiDate(receivedAt);
  return new Date(Date.parse(`${d}T00:00:00Z`) + CLAIM_LAW_RULES.arbitrationRightDays * DAY_MS).toISOString().slice(0, 10);
}

/** The instant the day of `arbitrationRightDate` begins in Beijing (when the clock sends the day-15 prompt). */
export function arbitrationRightAt(receivedAt: Date): Date {
  return new Date(Date.parse(`${arbitrationRightDate(receivedAt)}T00:00:00Z`) - BEIJING_OFFSET_MS);
}

/**
 * The worker's day-15 choice as their claim page shows it:
 * - `none`: no mediation body has received it yet, or the claim is past mediation;
 * - `not_yet`: mediation runs, the day is still ahead (`arbitrationRightDate` says which day);
 * - `pending`: the day has come, the worker has not chosen: ask 继续调解 or 申请仲裁;
 * - `consented`: the worker chose 继续调解 (recorded on the timeline); 申请仲裁 stays possible;
 * - `chosen`: the worker applied for arbitration (tier 3).
 */
export type ArbitrationPromptState = 'none' | 'not_yet' | 'pending' | 'consented' | 'chosen';

export function arbitrationPromptState(c: {
  status: ClaimStatus;
  arbitrationRightAt: Date | null;
  continuedMediationConsentAt: Date | null;
  now: Date;
}): ArbitrationPromptState {
  if (c.status === 'arbitration') return 'chosen';
  if (!c.arbitrationRightAt || !['accepted', 'in_progress', 'referred'].includes(c.status)) return 'none';
  if (c.now.getTime() < c.arbitrationRightAt.getTime()) return 'not_yet';
  return c.continuedMediationConsentAt && c.continuedMediationConsentAt.getTime() >= c.arbitrationRightAt.getTime() ? 'consented' : 'pending';
}

/** The law points, stated plainly (no legal advice beyond them). */
export const CLAIM_LAW_TEXTS = {
  art14:
    '《劳动争议调解仲裁法》第十四条：自调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁。超过十五日继续调解，需要你本人同意。',
  art27:
    '《劳动争议调解仲裁法》第二十七条：申请仲裁的时效期间为一年，从你知道或者应当知道权利被侵害之日起计算；向对方主张权利、向有关部门请求权利救济（例如向工会求助）或对方同意履行义务的，时效中断，从中断时起重新计算。劳动关系存续期间因拖欠劳动报酬发生争议的，不受一年的限制；但劳动关系终止的，应当自劳动关系终止之日起一年内提出。',
  art16:
    '《劳动争议调解仲裁法》第十六条：因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，你可以持调解协议书依法向人民法院申请支付令。',
} as const;

/** What to bring to the arbitration commission (仲裁申请材料). */
export const ARBITRATION_CHECKLIST = [
  '仲裁申请书（写明请求事项、事实和理由；书写确有困难的可以口头申请）',
  '本人身份证原件及复印件',
  '用人单位或平台的名称、住所、负责人（可打印企业信用信息）',
  '劳动关系证明：劳动合同、工牌、接单记录、工资流水、聊天记录等',
  '与请求有关的证据：欠薪明细、考勤、事故或医疗材料等',
  '工会调解的记录或调解协议（如有）',
] as const;

export const CLAIM_HOTLINES = [
  { number: '12351', label: '职工服务热线（工会）' },
  { number: '12348', label: '公共法律服务热线（法律援助）' },
] as const;

// ---- shapes the pages read (the server's DTOs implement these) ---------------------------------------------

/** Who filed it, as the handling officer needs them (officers in scope) or as the worker gave it (the worker). */
export interface ClaimContactView {
  name: string | null;
  /** `138****5678`; null with 消息通知 or for claims filed before contacts were kept. */
  mobileMasked: string | null;
  preference: 'phone' | 'message';
  /** The caller may ask `POST /api/claims/:id/reveal-phone` (an officer in scope, 电话联系, a mobile kept). */
  canReveal: boolean;
}

/** `POST /api/claims/:id/reveal-phone`: the full number, for `makePhoneCall`. */
export interface RevealPhoneAnswer {
  mobile: string;
}

/** `GET /api/claims/contact-defaults`: what the filing form prefills. */
export interface ClaimContactDefaults {
  /** The caller's own name from their active membership, in full (it is theirs); null when not a member. */
  name: string | null;
  nameSource: 'membership' | null;
  /** The mobile `useSavedMobile: true` would use: from an SMS-verified login, else the latest join application. */
  mobileMasked: string | null;
  mobileSource: 'login' | 'application' | null;
}

export interface InstalmentInput {
  amountFen: number;
  /** Beijing date `YYYY-MM-DD`. */
  dueDate: string;
}

/** With `outcome: 'mediated'` on resolve, when money is owed. Instalments, when given, sum to `amountFen`. */
export interface AgreementInput {
  amountFen: number;
  dueDate: string;
  instalments?: InstalmentInput[];
}

export type InstalmentState = 'scheduled' | 'asking' | 'received' | 'not_received';

export interface InstalmentView {
  id: string;
  seq: number;
  amountFen: number;
  dueDate: string;
  state: InstalmentState;
  receivedFen: number | null;
  answeredAt: string | null;
}

export interface AgreementView {
  id: string;
  amountFen: number;
  dueDate: string;
  instalments: InstalmentView[];
  /** Confirmed by the worker only. */
  recoveredFen: number;
  createdAt: string;
}

/** The worker's 是否已收到 question: the earliest instalment due and unanswered. */
export interface PaymentPrompt {
  instalmentId: string;
  seq: number;
  amountFen: number;
  dueDate: string;
}

/** `POST /api/claims/:id/payment`. */
export interface PaymentAnswerInput {
  instalmentId: string;
  received: boolean;
  /** With `received: true`: what came, 1..instalment amount (default: the whole instalment). */
  receivedFen?: number;
}

export interface ArbitrationCommissionView {
  id: string;
  /** The district (or city) union org the commission serves. */
  org: { code: string; name: string };
  name: string;
  address: string;
  phone: string;
  note: string | null;
}

export interface ArbitrationCommissionInput {
  orgCode: string;
  name: string;
  address: string;
  phone: string;
  note?: string | null;
}

/** `GET /api/claims/:id/arbitration-guide`: tier 3 guidance. */
export interface ArbitrationGuide {
  /** The commission for the employer's district (nearest up the org tree); null when none is on file. */
  commission: ArbitrationCommissionView | null;
  hotlines: ReadonlyArray<{ number: string; label: string }>;
  checklist: readonly string[];
  law: { art14: string; art27: string; art16: string };
  /** Art. 14 date at the current tier, when a mediation body has received it. */
  arbitrationRightDate: string | null;
}
