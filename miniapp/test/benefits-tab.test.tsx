import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import BenefitsPage from '../src/pages/benefits/index';
import { claimButtonState } from '../src/components/campaign-card';
import { campaign, memberCard } from './benefits-fixtures';
import { errorReply, fakeServer, json, type Route } from './support/fake-server';
import { loggedIn } from './support/session';

function serve(campaigns: Route, member = true) {
  vi.spyOn(Taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail denied' });
  return fakeServer((req) => {
    if (req.url.includes('/api/memberships/card')) return json(200, { card: member ? memberCard : null });
    if (req.url.includes('/api/benefits/campaigns')) return campaigns(req);
    return json(404, {});
  });
}

const card = () => screen.getByTestId('campaign-card');

describe('优惠 tab', () => {
  it('claims in one tap with an Idempotency-Key; the card then says 已领取 and the stock left', async () => {
    loggedIn();
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    const server = serve((req) =>
      req.method === 'POST' ? json(201, { campaignId: 'c1', coupons: [], remaining: 41, claimedByMe: 1, claimableByMe: 0 }) : json(200, { items: [campaign()], serverTime: new Date().toISOString() }),
    );
    render(<BenefitsPage />);
    fireEvent.click(await screen.findByTestId('campaign-card-claim'));
    await screen.findByText('已领取');
    const claims = server.requests.filter((r) => r.method === 'POST');
    expect(claims.map((r) => r.url)).toEqual([expect.stringMatching(/\/api\/benefits\/campaigns\/c1\/claim$/)]);
    expect(claims[0].header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(card()).getByTestId('campaign-card-remaining').textContent).toBe('剩余 41 / 100 份');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功' }));
  });

  it('a loser of the flash claim sees 已抢光 calmly: the card turns sold out, a toast, no error page', async () => {
    loggedIn();
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    serve((req) => (req.method === 'POST' ? errorReply(409, 'COUPON_SOLD_OUT', ERROR_MESSAGES.COUPON_SOLD_OUT) : json(200, { items: [campaign()], serverTime: new Date().toISOString() })));
    render(<BenefitsPage />);
    fireEvent.click(await screen.findByTestId('campaign-card-claim'));
    await screen.findByTestId('campaign-card-claim-off');
    expect(card().getAttribute('data-state')).toBe('sold_out');
    expect(screen.getByTestId('campaign-card-claim-off').textContent).toBe('已抢光');
    expect(within(card()).getByTestId('campaign-card-remaining').textContent).toBe('剩余 0 / 100 份');
    expect(screen.queryByTestId('benefits-error')).toBeNull();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: ERROR_MESSAGES.COUPON_SOLD_OUT, icon: 'none' }));
  });

  it('an upcoming campaign counts down on the server clock and turns claimable at the opening moment', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    const phoneNow = Date.parse('2026-12-02T01:59:00.000Z');
    vi.setSystemTime(phoneNow);
    loggedIn();
    // The phone is 30 s slow: the server says 01:59:30, the campaign opens at 02:00:00.
    let opened = false;
    serve(() =>
      json(200, {
        items: [opened ? campaign() : campaign({ state: 'upcoming', stateLabel: '即将开抢', remaining: 100, opensAt: '2026-12-02T02:00:00.000Z' })],
        serverTime: new Date(Date.now() + 30_000).toISOString(),
      }),
    );
    render(<BenefitsPage />);
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(screen.getByTestId('campaign-card-countdown').textContent).toBe('距开抢 00:30');
    expect(screen.getByTestId('campaign-card-claim-off').textContent).toBe('即将开抢');
    opened = true;
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(screen.getByTestId('campaign-card-claim').textContent).toBe('立即领取');
  });

  it('not a member: the page and the card lead to joining instead of claiming', async () => {
    loggedIn();
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    serve(() => json(200, { items: [campaign({ eligible: false, claimableByMe: 0 })], serverTime: new Date().toISOString() }), false);
    render(<BenefitsPage />);
    await screen.findByTestId('benefits-not-member');
    fireEvent.click(await screen.findByTestId('campaign-card-join'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/join/index' });
    expect(screen.queryByTestId('campaign-card-claim')).toBeNull();
  });
});

describe('附近的合作商户', () => {
  it('asks with the position of this moment only and lists the nearest with their distance', async () => {
    loggedIn();
    vi.spyOn(Taro, 'getLocation').mockResolvedValue({ latitude: 24.4526, longitude: 118.0746 } as Taro.getLocation.SuccessCallbackResult);
    const server = fakeServer((req) => {
      if (req.url.includes('/api/memberships/card')) return json(200, { card: memberCard });
      if (req.url.includes('/merchants/nearby')) return json(200, [{ id: 'm1', name: '老王牛肉面', category: 'food', categoryLabel: '餐饮', address: '中山路 88 号', district: '思明区', lat: 24.45, lng: 118.08, phone: null, distanceMeters: 850 }]);
      return json(200, { items: [], serverTime: new Date().toISOString() });
    });
    render(<BenefitsPage />);
    expect((await screen.findByTestId('benefits-merchant')).textContent).toBe('老王牛肉面850 m餐饮 · 中山路 88 号');
    const asked = new URL(server.to('/api/benefits/merchants/nearby')[0].url, 'http://x').searchParams;
    expect(Number(asked.get('lat'))).toBeCloseTo(24.4526, 1);
    expect(Object.values({ ...localStorage }).join()).not.toContain('24.45');
  });
});

describe('claimButtonState', () => {
  it('open / sold out / limit / not eligible / not member / upcoming / ended', () => {
    expect(claimButtonState(campaign(), true)).toBe('claim');
    expect(claimButtonState(campaign({ state: 'sold_out', remaining: 0 }), true)).toBe('sold_out');
    expect(claimButtonState(campaign({ state: 'sold_out', remaining: 0, claimedByMe: 1 }), true)).toBe('claimed');
    expect(claimButtonState(campaign({ claimedByMe: 1, claimableByMe: 0 }), true)).toBe('claimed');
    // A daily limit reached while the campaign limit is not: 已领满 for today, not 已领取.
    expect(claimButtonState(campaign({ perMemberLimit: 3, perDayLimit: 1, claimedByMe: 1, claimableByMe: 0 }), true)).toBe('limit');
    expect(claimButtonState(campaign({ eligible: false }), true)).toBe('not_eligible');
    expect(claimButtonState(campaign({ eligible: false }), false)).toBe('join');
    expect(claimButtonState(campaign({ state: 'upcoming' }), true)).toBe('upcoming');
    expect(claimButtonState(campaign({ state: 'ended' }), null)).toBe('ended');
  });
});
