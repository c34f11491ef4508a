import { beijingParts } from '@nuanxin/shared';

/*
 * The settlement and redemption pages' month helpers and copy. Kept out of the page module: the weapp build treats
 * a page's index.tsx as a page (its exports other than the page are not kept), so another page importing
 * `currentMonth` from it got undefined in WeChat.
 */
export const SETTLEMENT_TEXT = {
  prev: '上个月',
  next: '下个月',
  month: (m: string) => `${m.slice(0, 4)} 年 ${Number(m.slice(5))} 月`,
  loading: '正在加载…',
  failed: '加载失败，请检查网络后重试',
  empty: '这个月没有核销记录',
  redemptions: (n: number) => `核销 ${n} 笔`,
  orders: '订单合计',
  discounts: '工会应付（券抵扣）',
  total: '本月合计',
  download: '下载 Excel',
  downloading: '正在下载…',
  downloaded: '已下载',
  merchant: '商户',
  allMerchants: '全部商户',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** This month, Beijing time: `2026-12`. */
export function currentMonth(now: Date = new Date()): string {
  const p = beijingParts(now);
  return `${p.year}-${pad(p.month)}`;
}

/** `2026-12` ± n months. */
export function shiftMonth(month: string, by: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5)) - 1 + by;
  const year = y + Math.floor(m / 12);
  return `${year}-${pad((((m % 12) + 12) % 12) + 1)}`;
}

