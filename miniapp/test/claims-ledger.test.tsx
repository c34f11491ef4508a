import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import LedgerPage from '../src/staff/pages/ledger/index';
import { EXPORT_TEXT, POLL_MS } from '../src/staff/pages/ledger/export-panel';
import { periodRange } from '../src/staff/components/claims-period';
import type { ExportProgress, LedgerRow } from '../src/services/claims-ledger';
import { navigation, officer } from './claims-fixtures';
import { fakeServer, json, type SeenRequest } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const NOW = new Date('2026-12-02T02:00:00.000Z'); // 10:00 in Beijing

function row(n: number, o: Partial<LedgerRow> = {}): LedgerRow {
  return {
    id: `c${n}`,
    number: `SS2026-${String(n).padStart(5, '0')}`,
    receivedDate: '2026-11-20',
    worker: '王*',
    mobile: '139****2222',
    employerName: '某某快送思明站',
    category: 'wages',
    categoryLabel: '欠薪',
    description: '十一月工资 4200 元站点一直拖着不发。',
    amountFen: 420000,
    orgName: '思明区总工会',
    assignee: '李干事',
    tier: 1,
    tierLabel: '工会调解',
    dueDate: '2026-11-25',
    resolvedDate: null,
    status: 'in_progress',
    resultLabel: '调解中',
    agreedFen: null,
    recoveredFen: null,
    ratingScore: null,
    overdue: false,
    submittedAt: '2026-11-20T02:00:00.000Z',
    ...o,
  };
}

const SUBTREE = [
  { id: 'org-sm', code: 'XM-SM', name: '思明区总工会', level: 'district', parentId: 'org-xm', depth: 1, autoApprove: false, catchAll: false, isMediationCentre: false, active: true, mediationWorkdays: null },
  { id: 'org-sm-mt', code: 'XM-SM-MT', name: '美团思明站点工会', level: 'enterprise', parentId: 'org-sm', depth: 2, autoApprove: false, catchAll: false, isMediationCentre: false, active: true, mediationWorkdays: null },
];

const params = (r: SeenRequest) => Object.fromEntries(new URL(r.url, 'http://x').searchParams);

function progress(o: Partial<ExportProgress> = {}): ExportProgress {
  return { id: 'x1', status: 'pending', rowsTotal: null, rowsDone: 0, createdAt: NOW.toISOString(), finishedAt: null, error: null, downloadUrl: null, downloadExpiresAt: null, ...o };
}

describe('诉求台账', () => {
  it('workers see no ledger', () => {
    loggedIn(worker);
    fakeServer(() => json(200, { items: [], nextCursor: null }));
    render(<LedgerPage />);
    expect(screen.queryByTestId('ledger-page')).toBeNull();
  });

  it('asks for this year by default; each chip narrows the query; tapping a chosen chip again clears it', async () => {
    vi.setSystemTime(NOW);
    loggedIn(officer);
    const server = fakeServer((req) => (req.url.includes('/subtree') ? json(200, SUBTREE) : json(200, { items: [row(1)], nextCursor: null })));
    render(<LedgerPage />);
    await screen.findByTestId('ledger-row');
    const ledger = () => server.to('/api/claims/ledger').map(params);
    expect(ledger()[0]).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(server.to('/api/orgs/XM-SM/subtree')).toHaveLength(1);

    const chip = (group: string, label: string) => fireEvent.click(screen.getAllByTestId(`${group}-option`).find((el) => el.textContent === label)!);
    chip('ledger-period', '本月');
    chip('ledger-status', '调解中');
    chip('ledger-category', '欠薪');
    chip('ledger-tier', '联动调处中心');
    // the org: searched within the officer's subtree, not listed as chips
    typeInto(await screen.findByTestId('ledger-org'), 'ledger-org-picker', '美团');
    fireEvent.click(await screen.findByTestId('ledger-org-picker-item-XM-SM-MT'));
    expect(screen.getByTestId('ledger-org-chosen').textContent).toBe('美团思明站点工会');
    chip('ledger-overdue', '已超期');
    chip('ledger-rating', '满意（4–5 星）');
    await waitFor(() => expect(ledger().at(-1)).toEqual({ from: '2026-12-01', to: '2026-12-02', status: 'in_progress', category: 'wages', tier: '2', org: 'XM-SM-MT', overdue: 'true', rating: 'satisfied' }));

    chip('ledger-overdue', '已超期');
    chip('ledger-period', '全部');
    await waitFor(() => expect(ledger().at(-1)).toEqual({ status: 'in_progress', category: 'wages', tier: '2', org: 'XM-SM-MT', rating: 'satisfied' }));
    // The period is always one of the chips: tapping 全部 again keeps it.
    chip('ledger-period', '全部');
    expect(screen.getAllByTestId('ledger-period-option').find((el) => el.textContent === '全部')!.getAttribute('aria-checked')).toBe('true');
  });

  it('periods are Beijing calendar ranges', () => {
    const lateUtc = new Date('2026-02-28T17:00:00.000Z'); // 1 March in Beijing
    expect(periodRange('month', lateUtc)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(periodRange('quarter', lateUtc)).toEqual({ from: '2026-01-01', to: '2026-03-01' });
    expect(periodRange('quarter', new Date('2026-01-15T02:00:00.000Z'))).toEqual({ from: '2025-11-01', to: '2026-01-15' });
    expect(periodRange('lastYear', lateUtc)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodRange('all', lateUtc)).toEqual({});
  });

  it('shows masked worker, status, deadline and 已超期; 加载更多 follows the cursor; a row opens the staff claim page', async () => {
    vi.setSystemTime(NOW);
    loggedIn(officer);
    const nav = navigation();
    const server = fakeServer((req) => {
      if (req.url.includes('/subtree')) return json(200, SUBTREE);
      const cursor = params(req).cursor;
      return cursor === 'k1'
        ? json(200, { items: [row(2), row(3, { status: 'closed', resultLabel: '调解成功', resolvedDate: '2026-11-24', agreedFen: 420000, recoveredFen: 200000, ratingScore: 5 })], nextCursor: null })
        : json(200, { items: [row(1, { overdue: true }), row(2)], nextCursor: 'k1' });
    });
    render(<LedgerPage />);
    await screen.findByTestId('ledger-more');
    const first = screen.getAllByTestId('ledger-row')[0];
    expect(first.querySelector('[data-testid=ledger-row-number]')!.textContent).toBe('SS2026-00001');
    expect(first.querySelector('[data-testid=ledger-row-overdue]')!.textContent).toBe('已超期');
    expect(first.querySelector('[data-testid=ledger-row-status]')!.textContent).toBe('调解中');
    expect(first.querySelector('[data-testid=ledger-row-who]')!.textContent).toBe('王* · 139****2222 · 欠薪 · 某某快送思明站');
    expect(first.querySelector('[data-testid=ledger-row-meta]')!.textContent).toBe('受理 2026-11-20 · 期限 2026-11-25 · 思明区总工会 · 工会调解 · 李干事');
    expect(screen.getAllByTestId('ledger-row')[1].querySelector('[data-testid=ledger-row-overdue]')).toBeNull();

    fireEvent.click(screen.getByTestId('ledger-more'));
    await waitFor(() => expect(screen.getAllByTestId('ledger-row')).toHaveLength(3));
    expect(params(server.to('/api/claims/ledger').at(-1)!)).toEqual({ from: '2026-01-01', to: '2026-12-02', cursor: 'k1' });
    expect(screen.queryByTestId('ledger-more')).toBeNull();
    const last = screen.getAllByTestId('ledger-row')[2];
    expect(last.textContent).toContain('办结 2026-11-24');
    expect(last.textContent).toContain('约定 ¥4200 · 已追回 ¥2000 · 5 星');
    expect(screen.getByTestId('ledger-count').textContent).toBe('已显示 3 条');

    fireEvent.click(last);
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/staff/pages/claim/index?id=c3' });
  });

  it('says so when nothing matches', async () => {
    loggedIn(officer);
    fakeServer((req) => (req.url.includes('/subtree') ? json(200, SUBTREE) : json(200, { items: [], nextCursor: null })));
    render(<LedgerPage />);
    expect((await screen.findByTestId('ledger-empty')).textContent).toBe('没有符合条件的诉求，换个筛选条件试试');
  });
});

describe('诉求台账: 导出 Excel', () => {
  const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  function exportServer(polls: ExportProgress[]) {
    let i = 0;
    return fakeServer((req) => {
      if (req.url.includes('/subtree')) return json(200, SUBTREE);
      if (req.url.endsWith('/api/claims/exports') && req.method === 'POST') return json(201, progress());
      if (req.url.includes('/api/claims/exports/')) return json(200, polls[Math.min(i++, polls.length - 1)]);
      return json(200, { items: [row(1)], nextCursor: null });
    });
  }

  const done = (expiresInMs = 600_000) =>
    progress({ status: 'done', rowsTotal: 120, rowsDone: 120, downloadUrl: '/api/claims/exports/x1/file?exp=1&sig=abc', downloadExpiresAt: new Date(NOW.getTime() + POLL_MS + expiresInMs).toISOString() });

  async function openAndStart(polls: ExportProgress[]) {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    loggedIn(officer);
    const server = exportServer(polls);
    render(<LedgerPage />);
    await tick(0);
    fireEvent.click(screen.getByTestId('ledger-export-start'));
    await tick(0);
    return server;
  }

  it('starts with the current filters (one idempotency key), shows progress while polling, then 下载 saves the workbook', async () => {
    const server = await openAndStart([progress({ status: 'running', rowsTotal: 120, rowsDone: 50 }), done()]);
    const post = server.to('/api/claims/exports')[0];
    expect(post.method).toBe('POST');
    expect(post.data).toEqual({ from: '2026-01-01', to: '2026-12-02' });
    expect(post.header['Idempotency-Key']).toBeTruthy();
    expect(screen.getByTestId('ledger-export-progress-text').textContent).toBe(EXPORT_TEXT.queued);

    await tick(POLL_MS);
    expect(screen.getByTestId('ledger-export-progress-text').textContent).toBe('正在导出 50/120 条');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
    await tick(POLL_MS);
    expect(screen.getByTestId('ledger-export-done').textContent).toBe('已导出 120 条。下载链接 10 分钟内有效。');
    expect(server.to('/api/claims/exports/x1')).toHaveLength(2);
    // Done: polling stops.
    await tick(POLL_MS * 3);
    expect(server.to('/api/claims/exports/x1')).toHaveLength(2);

    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(new Blob(['PK']), { status: 200 }));
    URL.createObjectURL = vi.fn(() => 'blob:ledger');
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.click(screen.getByTestId('ledger-export-download'));
    await tick(0);
    expect(fetchSpy).toHaveBeenCalledWith('/api/claims/exports/x1/file?exp=1&sig=abc');
    expect(clicked).toHaveBeenCalledTimes(1);
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('诉求台账-20261202.xlsx');
  });

  it('past its 10 minutes the link is expired: the panel says so and 重新导出 starts a new export', async () => {
    const server = await openAndStart([done()]);
    await tick(POLL_MS);
    expect(screen.getByTestId('ledger-export-download')).toBeTruthy();
    await tick(600_000);
    expect(screen.getByTestId('ledger-export-expired').textContent).toBe(EXPORT_TEXT.expired);
    expect(screen.queryByTestId('ledger-export-download')).toBeNull();
    fireEvent.click(screen.getByTestId('ledger-export-again'));
    await tick(0);
    expect(server.to('/api/claims/exports').filter((r) => r.method === 'POST')).toHaveLength(2);
    // A new action, a new key.
    const [a, b] = server.to('/api/claims/exports').map((r) => r.header['Idempotency-Key']);
    expect(a).not.toBe(b);
  });

  it('a link the server refuses (403) counts as expired', async () => {
    await openAndStart([done()]);
    await tick(POLL_MS);
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{}', { status: 403 }));
    fireEvent.click(screen.getByTestId('ledger-export-download'));
    await tick(0);
    expect(screen.getByTestId('ledger-export-expired')).toBeTruthy();
    expect(screen.getByTestId('ledger-export-again')).toBeTruthy();
  });

  it('a failed export offers 重新导出; other filters put the panel back to 导出 Excel', async () => {
    await openAndStart([progress({ status: 'failed', error: 'disk full' })]);
    await tick(POLL_MS);
    expect(screen.getByTestId('ledger-export-failed').textContent).toBe(EXPORT_TEXT.failed);
    fireEvent.click(screen.getAllByTestId('ledger-status-option').find((el) => el.textContent === '已关闭')!);
    await tick(0);
    expect(screen.getByTestId('ledger-export-start')).toBeTruthy();
  });
});
