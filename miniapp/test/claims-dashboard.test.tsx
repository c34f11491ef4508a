import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import DashboardPage from '../src/staff/pages/dashboard/index';
import { categoryOption, monthOption, ratesOption, ratioText, tierOption } from '../src/staff/pages/dashboard/dashboard-charts';
import type { Dashboard } from '../src/services/claims-ledger';
import { officer } from './claims-fixtures';
import { fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn } from './support/session';

// The chart component's ECharts, recorded: jsdom has no canvas, and what matters is the option each chart gets.
const charts = vi.hoisted(() => ({ options: [] as unknown[] }));
vi.mock('../src/staff/components/echarts-core', () => ({
  echarts: {
    init: () => ({ setOption: (o: unknown) => charts.options.push(o), resize: () => undefined, dispose: () => undefined }),
  },
}));

const DASH: Dashboard = {
  from: '2026-01-01',
  to: '2026-12-02',
  received: 7,
  firstResponseOnTime: { numerator: 5, denominator: 6, percent: 83.3 },
  mediationOnTime: { numerator: 3, denominator: 4, percent: 75 },
  mediatedSuccessfully: { numerator: 2, denominator: 3, percent: 66.7 },
  byTier: [
    { tier: 1, label: '工会调解', received: 5 },
    { tier: 2, label: '联动调处中心', received: 1 },
    { tier: 3, label: '仲裁/诉讼引导', received: 1 },
  ],
  agreedFen: 650050,
  recoveredFen: 420000,
  agreedUnpaidFen: 230050,
  averageRating: 4.33,
  satisfaction: { numerator: 0, denominator: 0, percent: null },
  overdueNow: 2,
  byCategory: [
    { category: 'wages', label: '欠薪', received: 4, mediated: 2, recoveredFen: 420000 },
    { category: 'injury', label: '工伤/交通事故', received: 3, mediated: 0, recoveredFen: 0 },
  ],
  byMonth: [
    { month: '2026-10', received: 3, resolved: 2, recoveredFen: 0 },
    { month: '2026-11', received: 4, resolved: 1, recoveredFen: 420050 },
  ],
};

describe('数据看板', () => {
  it('every figure is readable as text: counts, shares with their fractions, money in yuan, per tier, category and month', async () => {
    vi.setSystemTime(new Date('2026-12-02T02:00:00.000Z'));
    loggedIn(officer);
    const server = fakeServer((req) => (req.url.includes('/subtree') ? json(200, []) : json(200, DASH)));
    render(<DashboardPage />);
    expect((await screen.findByTestId('dashboard-received')).textContent).toBe('7 件');
    expect(new URL(server.to('/api/claims/dashboard')[0].url, 'http://x').search).toBe('?from=2026-01-01&to=2026-12-02');
    expect(screen.getByTestId('dashboard-range').textContent).toBe('2026-01-01 至 2026-12-02');
    expect(screen.getByTestId('dashboard-overdue').textContent).toBe('2 件');
    expect(screen.getByTestId('dashboard-rating').textContent).toBe('4.33 星');
    expect(screen.getByTestId('dashboard-agreed').textContent).toBe('¥6500.50');
    expect(screen.getByTestId('dashboard-recovered').textContent).toBe('¥4200');
    expect(screen.getByTestId('dashboard-unpaid').textContent).toBe('¥2300.50');
    expect(screen.getByTestId('dashboard-rate-firstResponseOnTime').textContent).toBe('83.3%（5/6）');
    expect(screen.getByTestId('dashboard-rate-mediationOnTime').textContent).toBe('75%（3/4）');
    expect(screen.getByTestId('dashboard-rate-mediatedSuccessfully').textContent).toBe('66.7%（2/3）');
    expect(screen.getByTestId('dashboard-rate-satisfaction').textContent).toBe('暂无');
    const lines = (id: string) => screen.getAllByTestId(id).map((el) => Array.from(el.children).map((c) => c.textContent));
    expect(lines('dashboard-tier-row')).toEqual([['工会调解', '5'], ['联动调处中心', '1'], ['仲裁/诉讼引导', '1']]);
    expect(lines('dashboard-category-row')).toEqual([['欠薪', '4', '2', '¥4200'], ['工伤/交通事故', '3', '0', '¥0']]);
    expect(lines('dashboard-month-row')).toEqual([['2026-10', '3', '2', '¥0'], ['2026-11', '4', '1', '¥4200.50']]);
    // Each chart is labelled for screen readers and drawn from the same figures.
    expect(screen.getByTestId('dashboard-chart-months').getAttribute('aria-label')).toBe('按月份');
    await waitFor(() => expect(charts.options).toHaveLength(4));
    expect(charts.options).toEqual(expect.arrayContaining([ratesOption(DASH), tierOption(DASH), categoryOption(DASH), monthOption(DASH)]));
  });

  it('the period chips and the org search ask again', async () => {
    vi.setSystemTime(new Date('2026-12-02T02:00:00.000Z'));
    loggedIn(officer);
    const subtree = [
      { id: 'a', code: 'XM-SM', name: '思明区总工会', active: true },
      { id: 'b', code: 'XM-SM-MT', name: '美团思明站点工会', active: true },
    ];
    const server = fakeServer((req) => (req.url.includes('/subtree') ? json(200, subtree) : json(200, { ...DASH, received: 0 })));
    render(<DashboardPage />);
    expect((await screen.findByTestId('dashboard-empty')).textContent).toBe('这个时段没有诉求');
    await screen.findByTestId('dashboard-org');
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('dashboard-period-option').find((el) => el.textContent === '去年')!);
    });
    typeInto(screen.getByTestId('dashboard-org'), 'dashboard-org-picker', '美团');
    fireEvent.click(await screen.findByTestId('dashboard-org-picker-item-XM-SM-MT'));
    await waitFor(() => expect(server.to('/api/claims/dashboard')).toHaveLength(3));
    const asked = server.to('/api/claims/dashboard').map((r) => new URL(r.url, 'http://x').search);
    expect(asked.slice(1)).toEqual(['?from=2025-01-01&to=2025-12-31', '?from=2025-01-01&to=2025-12-31&org=XM-SM-MT']);
  });
});

describe('dashboard chart options', () => {
  it('month chart: received and resolved bars, recovered money as a line in yuan on the right axis', () => {
    const o = monthOption(DASH) as { xAxis: { data: string[] }; series: Array<{ type: string; data: number[]; yAxisIndex?: number }> };
    expect(o.xAxis.data).toEqual(['2026-10', '2026-11']);
    expect(o.series.map((s) => [s.type, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['bar', [3, 4], 0],
      ['bar', [2, 1], 0],
      ['line', [0, 4200.5], 1],
    ]);
  });

  it('category pie, tier bars and the four shares (no share drawn as 0 when nothing was counted)', () => {
    const pie = categoryOption(DASH) as { series: Array<{ type: string; data: unknown }> };
    expect(pie.series[0]).toMatchObject({ type: 'pie', data: [{ name: '欠薪', value: 4 }, { name: '工伤/交通事故', value: 3 }] });
    const tiers = tierOption(DASH) as { xAxis: { data: string[] }; series: Array<{ data: number[] }> };
    expect([tiers.xAxis.data, tiers.series[0].data]).toEqual([['工会调解', '联动调处中心', '仲裁/诉讼引导'], [5, 1, 1]]);
    const rates = ratesOption(DASH) as { xAxis: { data: string[] }; yAxis: { max: number }; series: Array<{ data: Array<number | null> }> };
    expect(rates.xAxis.data).toEqual(['首次响应及时率', '调解按期率', '调解成功率', '满意率（4–5 星）']);
    expect(rates.series[0].data).toEqual([83.3, 75, 66.7, null]);
    expect(rates.yAxis.max).toBe(100);
    expect(ratioText({ numerator: 1, denominator: 3, percent: 33.3 })).toBe('33.3%（1/3）');
  });

  it('chart colours repeat the design tokens they name', () => {
    const src = path.resolve(__dirname, '../src');
    const tokens = readFileSync(path.join(src, 'styles/_tokens.scss'), 'utf8');
    const colours = readFileSync(path.join(src, 'staff/components/chart-colors.ts'), 'utf8');
    const pinned = [...colours.matchAll(/'(#[0-9a-fA-F]+)',\s*\/\/\s*\$([\w-]+)/g)];
    expect(pinned.length).toBe([...colours.matchAll(/'#[0-9a-fA-F]+'/g)].length);
    for (const [, hex, token] of pinned) expect(`${token}: ${new RegExp(`^\\$${token}:\\s*(#[0-9a-fA-F]+);`, 'm').exec(tokens)?.[1]}`).toBe(`${token}: ${hex}`);
  });
});
