import { campaignInputErrors, fenToYuanString, parseYuan, type CampaignDetail, type CampaignInput, type CouponKind, type Occupation, type PackItem, type RuleError } from '@nuanxin/shared';
import { beijingDateTimeText, parseBeijingDateTime } from '../../../components/station-format';

/** One pack line as typed: money in yuan, numbers as text. */
export interface LineDraft {
  kind: CouponKind;
  threshold: string;
  discount: string;
  percentOff: string;
  cap: string;
  count: string;
}

/** The editor's form as typed (Beijing `YYYY-MM-DD HH:mm` times, yuan amounts). */
export interface CampaignDraft {
  title: string;
  description: string;
  lines: LineDraft[];
  stock: string;
  perMemberLimit: string;
  perDayLimit: string;
  opensAt: string;
  closesAt: string;
  validityMode: 'days' | 'fixed';
  validityDays: string;
  validFrom: string;
  validUntil: string;
  allMerchants: boolean;
  merchantIds: string[];
  /** Only members with these occupations may claim; empty = every member of the org's subtree. */
  occupations: Occupation[];
  /** Only members flagged 劳模 may claim. */
  modelWorkersOnly: boolean;
}

export const DRAFT_TEXT = {
  badYuan: '请填写金额（元），最多两位小数',
  badInt: '请填写整数',
  badTime: '请选择日期和时间',
  badDate: '请选择日期',
};

export function freshLine(kind: CouponKind = 'threshold'): LineDraft {
  return { kind, threshold: kind === 'threshold' ? '100' : '', discount: kind === 'percent' ? '' : '20', percentOff: kind === 'percent' ? '20' : '', cap: kind === 'percent' ? '30' : '', count: '1' };
}

/** Tomorrow 10:00 to 22:00 Beijing time, coupons valid 30 days: what a union usually runs, adjusted from there. */
export function freshDraft(now: number = Date.now()): CampaignDraft {
  const tomorrow = beijingDateTimeText(new Date(now + 86400_000)).slice(0, 10);
  return {
    title: '',
    description: '',
    lines: [freshLine()],
    stock: '100',
    perMemberLimit: '1',
    perDayLimit: '',
    opensAt: `${tomorrow} 10:00`,
    closesAt: `${tomorrow} 22:00`,
    validityMode: 'days',
    validityDays: '30',
    validFrom: '',
    validUntil: '',
    allMerchants: true,
    merchantIds: [],
    occupations: [],
    modelWorkersOnly: false,
  };
}

const yuan = (fen: number | null) => (fen ? fenToYuanString(fen).replace(/\.00$/, '') : '');

export function draftOf(c: CampaignDetail): CampaignDraft {
  const v = c.validity;
  return {
    title: c.title,
    description: c.description,
    lines: c.items.map((it) => ({ kind: it.kind, threshold: yuan(it.thresholdFen), discount: yuan(it.discountFen), percentOff: it.percentOff ? String(it.percentOff) : '', cap: yuan(it.capFen), count: String(it.count) })),
    stock: String(c.stock),
    perMemberLimit: String(c.perMemberLimit),
    perDayLimit: c.perDayLimit ? String(c.perDayLimit) : '',
    opensAt: beijingDateTimeText(new Date(c.claimOpensAt)),
    closesAt: beijingDateTimeText(new Date(c.claimClosesAt)),
    validityMode: v.mode,
    validityDays: v.mode === 'days' ? String(v.days) : '30',
    validFrom: v.mode === 'fixed' ? beijingDateTimeText(new Date(v.validFrom)).slice(0, 10) : '',
    validUntil: v.mode === 'fixed' ? beijingDateTimeText(new Date(v.validUntil)).slice(0, 10) : '',
    allMerchants: c.merchantScope === 'all',
    merchantIds: c.merchants.map((m) => m.id),
    occupations: c.occupations,
    modelWorkersOnly: c.modelWorkersOnly,
  };
}

/** Text → an integer, or NaN (the shared rules then name the field). */
const int = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/**
 * The draft as the API's body, with every problem by field: first what cannot even be read (yuan with 3 decimals,
 * letters), then the shared rules the server applies too (discount < threshold, window order, limits, …).
 */
export function checkDraft(d: CampaignDraft, orgCode?: string, merchantId?: string): { input: CampaignInput; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const fen = (field: string, text: string, required: boolean): number => {
    if (!text.trim() && !required) return 0;
    const v = parseYuan(text);
    if (v === null) {
      errors.push({ field, message: DRAFT_TEXT.badYuan });
      return NaN;
    }
    return v;
  };
  const items: PackItem[] = d.lines.map((l, i) => {
    const p = `items.${i}.`;
    const count = int(l.count);
    if (l.kind === 'threshold') return { kind: l.kind, thresholdFen: fen(`${p}thresholdFen`, l.threshold, true), discountFen: fen(`${p}discountFen`, l.discount, true), percentOff: null, capFen: null, count };
    if (l.kind === 'voucher') return { kind: l.kind, thresholdFen: 0, discountFen: fen(`${p}discountFen`, l.discount, true), percentOff: null, capFen: null, count };
    return { kind: l.kind, thresholdFen: fen(`${p}thresholdFen`, l.threshold, false), discountFen: 0, percentOff: int(l.percentOff), capFen: fen(`${p}capFen`, l.cap, true), count };
  });
  const claimOpensAt = parseBeijingDateTime(d.opensAt);
  const claimClosesAt = parseBeijingDateTime(d.closesAt);
  const dayStart = (date: string) => parseBeijingDateTime(`${date} 00:00`);
  const input: CampaignInput = {
    title: d.title.trim(),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    ...(orgCode ? { orgCode } : {}),
    items,
    stock: int(d.stock),
    perMemberLimit: int(d.perMemberLimit),
    perDayLimit: d.perDayLimit.trim() ? int(d.perDayLimit) : null,
    claimOpensAt: claimOpensAt ?? '',
    claimClosesAt: claimClosesAt ?? '',
    // A fixed window ends at the end of its last day (the next day's 00:00 Beijing time).
    validity:
      d.validityMode === 'days'
        ? { mode: 'days', days: int(d.validityDays) }
        : { mode: 'fixed', validFrom: dayStart(d.validFrom) ?? '', validUntil: d.validUntil && dayStart(d.validUntil) ? new Date(Date.parse(dayStart(d.validUntil)!) + 86400_000 - 1000).toISOString() : '' },
    merchantIds: d.allMerchants ? 'all' : d.merchantIds,
    ...(d.occupations.length ? { occupations: d.occupations } : {}),
    ...(d.modelWorkersOnly ? { modelWorkersOnly: true } : {}),
    ...(merchantId ? { merchantId } : {}),
  };
  const seen = new Set(errors.map((e) => e.field));
  for (const e of campaignInputErrors(input)) if (!seen.has(e.field)) errors.push(e);
  return { input, errors };
}
