import type { Dashboard, Ratio } from '../../../services/claims-ledger';
import { CHART_COLORS, CHART_PALETTE } from '../../components/chart-colors';
import type { ChartOption } from '../../components/echart.types';

// The dashboard's charts as plain ECharts options built from the DTO (the same on weapp and H5). Money in yuan
// (fen / 100, exact to the cent), shares in percent as the server rounded them.

const yuan = (fen: number) => fen / 100;
const axisText = { color: CHART_COLORS.text };
const base = { color: CHART_PALETTE, textStyle: axisText, tooltip: { trigger: 'axis' as const } };
const grid = { left: 48, right: 48, top: 40, bottom: 32, containLabel: true };

/** By month: received and resolved (bars, cases) and money recovered (line, yuan, right axis). */
export function monthOption(d: Pick<Dashboard, 'byMonth'>): ChartOption {
  return {
    ...base,
    legend: { top: 0, textStyle: axisText },
    grid,
    xAxis: { type: 'category', data: d.byMonth.map((m) => m.month), axisLine: { lineStyle: { color: CHART_COLORS.line } } },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.line } } },
      { type: 'value', name: '元', splitLine: { show: false } },
    ],
    series: [
      { name: '受理', type: 'bar', data: d.byMonth.map((m) => m.received) },
      { name: '办结', type: 'bar', data: d.byMonth.map((m) => m.resolved) },
      { name: '已追回（元）', type: 'line', yAxisIndex: 1, data: d.byMonth.map((m) => yuan(m.recoveredFen)) },
    ],
  };
}

/** By category: a pie of claims received. */
export function categoryOption(d: Pick<Dashboard, 'byCategory'>): ChartOption {
  return {
    color: CHART_PALETTE,
    textStyle: axisText,
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: axisText },
    series: [{ name: '受理', type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: d.byCategory.map((c) => ({ name: c.label, value: c.received })) }],
  };
}

/** By tier: bars of claims received at each tier. */
export function tierOption(d: Pick<Dashboard, 'byTier'>): ChartOption {
  return {
    ...base,
    grid,
    xAxis: { type: 'category', data: d.byTier.map((t) => t.label), axisLine: { lineStyle: { color: CHART_COLORS.line } } },
    yAxis: { type: 'value', name: '件', minInterval: 1, splitLine: { lineStyle: { color: CHART_COLORS.line } } },
    series: [{ name: '受理', type: 'bar', data: d.byTier.map((t) => t.received) }],
  };
}

export const RATE_LABELS = {
  firstResponseOnTime: '首次响应及时率',
  mediationOnTime: '调解按期率',
  mediatedSuccessfully: '调解成功率',
  satisfaction: '满意率（4–5 星）',
} as const;
export type RateKey = keyof typeof RATE_LABELS;
export const RATE_KEYS = Object.keys(RATE_LABELS) as RateKey[];

/** The four shares as bars on a 0–100 % axis (a share with nothing to count is left out, not drawn as 0). */
export function ratesOption(d: Pick<Dashboard, RateKey>): ChartOption {
  return {
    ...base,
    grid,
    xAxis: { type: 'category', data: RATE_KEYS.map((k) => RATE_LABELS[k]), axisLabel: { interval: 0 }, axisLine: { lineStyle: { color: CHART_COLORS.line } } },
    yAxis: { type: 'value', name: '%', min: 0, max: 100, splitLine: { lineStyle: { color: CHART_COLORS.line } } },
    series: [{ name: '比例', type: 'bar', data: RATE_KEYS.map((k) => (d[k] as Ratio).percent) }],
  };
}

/** `92.5%（37/40）`, or 暂无 when nothing was counted. */
export function ratioText(r: Ratio): string {
  return r.percent === null ? '暂无' : `${r.percent}%（${r.numerator}/${r.denominator}）`;
}
