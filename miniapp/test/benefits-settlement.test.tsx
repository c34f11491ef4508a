import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import SettlementPage from '../src/staff/pages/settlement/index';
import { currentMonth, shiftMonth } from '../src/staff/pages/settlement/month';
import { fakeServer, json } from './support/fake-server';
import { loggedIn, worker } from './support/session';

const merchantUser = { ...worker, roles: [{ role: 'merchant' as const, orgId: 'o1', orgCode: 'XM-MT', orgName: '美团厦门骑手联合工会' }] };

describe('优惠结算', () => {
  it('months are Beijing months and step across years', () => {
    // 2026-11-30 16:30 UTC is already 1 December in Beijing.
    expect(currentMonth(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
  });

  it('shows each merchant’s month (what the union pays) and asks for the previous month on 上个月', async () => {
    vi.setSystemTime(new Date('2026-12-10T02:00:00.000Z'));
    loggedIn(merchantUser);
    const server = fakeServer((req) => {
      const month = new URL(req.url, 'http://x').searchParams.get('month')!;
      const rows = month === '2026-12' ? [{ merchant: { id: 'm1', name: '老王牛肉面' }, org: { code: 'XM-MT', name: '美团厦门骑手联合工会' }, month, redemptions: 2, orderTotalFen: 25700, discountTotalFen: 4000 }] : [];
      return json(200, { month, rows, totals: { redemptions: rows.length ? 2 : 0, orderTotalFen: rows.length ? 25700 : 0, discountTotalFen: rows.length ? 4000 : 0 } });
    });
    render(<SettlementPage />);
    expect((await screen.findByTestId('settlement-discounts')).textContent).toBe('¥40');
    expect(screen.getByTestId('settlement-orders').textContent).toBe('¥257');
    expect(screen.getByTestId('settlement-count').textContent).toBe('美团厦门骑手联合工会 · 核销 2 笔');
    // No month after the current one.
    expect(screen.getByTestId('settlement-next').classList.contains('nut-button-disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('settlement-prev'));
    await screen.findByTestId('settlement-empty');
    expect(screen.getByTestId('settlement-month').textContent).toBe('2026 年 11 月');
    expect(server.to('/api/benefits/settlement').map((r) => new URL(r.url, 'http://x').searchParams.get('month'))).toEqual(['2026-12', '2026-11']);
  });
});
