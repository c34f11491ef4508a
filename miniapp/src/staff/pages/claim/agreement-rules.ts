import { CLAIM_LAW_RULES, formatYuan, parseYuan, shanghaiDate, type AgreementInput } from '@nuanxin/shared';

/** The agreement as the officer types it: yuan as text, Beijing dates `YYYY-MM-DD` ('' until picked). */
export interface AgreementDraft {
  amount: string;
  dueDate: string;
  /** Empty: one payment on `dueDate`. Otherwise the last one's date is the due date. */
  instalments: Array<{ amount: string; dueDate: string }>;
}

export const EMPTY_AGREEMENT: AgreementDraft = { amount: '', dueDate: '', instalments: [] };

export const AGREEMENT_MESSAGES = {
  amount: '请填写约定金额（元），最多两位小数，如 3500',
  dueDate: '请选择约定付款日期',
  pastDate: '付款日期不能早于今天',
  instalmentAmount: (n: number) => `第 ${n} 期金额请填数字，大于 0，最多两位小数`,
  instalmentDate: (n: number) => `请选择第 ${n} 期的付款日期`,
  order: '各期付款日期须按先后顺序，后一期晚于前一期',
  sum: (sum: string, total: string) => `各期合计 ${sum}，与约定金额 ${total} 不一致`,
  tooMany: `最多分 ${CLAIM_LAW_RULES.instalmentsMax} 期`,
};

/** Today in Beijing: the earliest date a payment may be agreed for. */
export const beijingToday = (now = new Date()) => shanghaiDate(now);

function fenOf(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (!t) return null;
  const fen = parseYuan(t);
  return fen !== null && fen > 0 ? fen : null;
}

/** The request body, or the first problem in Chinese. */
export function toAgreement(d: AgreementDraft, today: string): { agreement: AgreementInput } | { problem: string } {
  const amountFen = fenOf(d.amount);
  if (amountFen === null) return { problem: AGREEMENT_MESSAGES.amount };
  if (d.instalments.length === 0) {
    if (!d.dueDate) return { problem: AGREEMENT_MESSAGES.dueDate };
    if (d.dueDate < today) return { problem: AGREEMENT_MESSAGES.pastDate };
    return { agreement: { amountFen, dueDate: d.dueDate } };
  }
  if (d.instalments.length > CLAIM_LAW_RULES.instalmentsMax) return { problem: AGREEMENT_MESSAGES.tooMany };
  const instalments: AgreementInput['instalments'] = [];
  for (const [i, row] of d.instalments.entries()) {
    const fen = fenOf(row.amount);
    if (fen === null) return { problem: AGREEMENT_MESSAGES.instalmentAmount(i + 1) };
    if (!row.dueDate) return { problem: AGREEMENT_MESSAGES.instalmentDate(i + 1) };
    if (row.dueDate < today) return { problem: AGREEMENT_MESSAGES.pastDate };
    if (i > 0 && row.dueDate <= d.instalments[i - 1].dueDate) return { problem: AGREEMENT_MESSAGES.order };
    instalments.push({ amountFen: fen, dueDate: row.dueDate });
  }
  const sum = instalments.reduce((s, p) => s + p.amountFen, 0);
  if (sum !== amountFen) return { problem: AGREEMENT_MESSAGES.sum(formatYuan(sum), formatYuan(amountFen)) };
  return { agreement: { amountFen, dueDate: instalments[instalments.length - 1].dueDate, instalments } };
}
