import { act, fireEvent, render, screen } from '@testing-library/react';
import { makeCouponCode } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import CouponPage from '../src/pages/benefit/coupon';
import WalletPage from '../src/pages/benefit/wallet';
import { couponDetail } from './benefits-fixtures';
import { fakeServer, json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';

const qrSrc = () => (screen.getByTestId('coupon-qr').querySelector('img') as HTMLImageElement).getAttribute('src');

describe('我的券', () => {
  it('three tabs with counts; each asks for its own status', async () => {
    loggedIn();
    const server = fakeServer((req) => {
      const used = req.url.includes('status=used');
      return json(200, { items: [couponDetail(used ? { id: 'k2', status: 'used', statusLabel: '已使用', usedAt: '2026-12-03T04:00:00.000Z' } : {})], nextCursor: null, counts: { available: 1, used: 1, expired: 0 } });
    });
    render(<WalletPage />);
    expect((await screen.findByTestId('wallet-coupon')).getAttribute('data-status')).toBe('available');
    expect(screen.getByTestId('wallet-count-used').textContent).toBe('1');
    fireEvent.click(screen.getByTestId('wallet-tab-used'));
    await screen.findByText('已使用', { selector: '[data-testid=wallet-coupon-status]' });
    expect(server.to('/api/benefits/coupons').map((r) => new URL(r.url, 'http://x').searchParams.get('status'))).toEqual(['available', 'used']);
  });
});

describe('券详情', () => {
  it('shows the 12-digit code 4-4-4 and renews the 60-s QR token while on screen', async () => {
    vi.useFakeTimers();
    loggedIn();
    withParams({ id: 'k1' });
    let n = 0;
    const server = fakeServer((req) =>
      req.url.endsWith('/qr') ? json(200, { qrToken: `qr-token-${++n + 1}`, qrExpiresAt: new Date(Date.now() + 60_000).toISOString() }) : json(200, couponDetail()),
    );
    render(<CouponPage />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const code = makeCouponCode('12345678901');
    expect(screen.getByTestId('coupon-code').textContent).toBe(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
    const first = qrSrc();
    // 30 s before the 60-s token ends (card-timing's REFRESH_AHEAD_MS), a new one.
    await act(() => vi.advanceTimersByTimeAsync(31_000));
    expect(server.to('/api/benefits/coupons/k1/qr')).toHaveLength(1);
    expect(qrSrc()).not.toBe(first);
    await act(() => vi.advanceTimersByTimeAsync(31_000));
    expect(server.to('/api/benefits/coupons/k1/qr')).toHaveLength(2);
    expect(screen.queryByTestId('coupon-refresh')).toBeNull();
    resetParams();
  });
});
