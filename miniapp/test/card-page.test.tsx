import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { CARD_TOKEN_TTL_SECONDS, ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import CardPage from '../src/pages/card/index';
import { MIN_REFRESH_MS, REFRESH_AHEAD_MS, tokenRefreshDelay } from '../src/pages/card/card-timing';
import { errorReply, fakeServer, json } from './support/fake-server';
import { loggedIn } from './support/session';

const TTL_MS = CARD_TOKEN_TTL_SECONDS * 1000;

function card(n: number) {
  return {
    memberNo: 'XM2026000007',
    nameMasked: '李*',
    org: { code: 'XM-MT', name: '美团厦门骑手联合工会' },
    since: '2026-11-23T06:00:00.000Z',
    status: 'active',
    token: `token-${n}-${'a'.repeat(60)}`,
    tokenExpiresAt: new Date(Date.now() + TTL_MS).toISOString(),
  };
}

const qrSrc = () => (screen.getByTestId('card-qr').querySelector('img') as HTMLImageElement).getAttribute('src');

describe('会员卡', () => {
  it('shows the member number, masked name, org and status with a QR image of the token', async () => {
    loggedIn();
    fakeServer(() => json(200, { card: card(1) }));
    render(<CardPage />);
    expect((await screen.findByTestId('card-member-no')).textContent).toBe('XM2026000007');
    expect(screen.getByTestId('card-name').textContent).toBe('李*');
    expect(screen.getByTestId('card-org').textContent).toBe('美团厦门骑手联合工会');
    expect(screen.getByTestId('card-status').textContent).toBe('有效');
    expect(qrSrc()).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it(`fetches a new token ${REFRESH_AHEAD_MS / 1000} s before the old one expires, and again for each new one`, async () => {
    vi.useFakeTimers();
    loggedIn();
    let n = 0;
    const server = fakeServer(() => json(200, { card: card(++n) }));
    render(<CardPage />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const calls = () => server.to('/api/memberships/card').length;
    expect(calls()).toBe(1);
    const first = qrSrc();

    await act(() => vi.advanceTimersByTimeAsync(TTL_MS - REFRESH_AHEAD_MS - 1000));
    expect(calls()).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(calls()).toBe(2);
    expect(qrSrc()).not.toBe(first);

    await act(() => vi.advanceTimersByTimeAsync(TTL_MS - REFRESH_AHEAD_MS));
    expect(calls()).toBe(3);
    expect(screen.queryByTestId('card-refresh')).toBeNull();
  });

  it('a failed refresh keeps the card, retries soon, and dims an expired code with a 刷新 button', async () => {
    vi.useFakeTimers();
    loggedIn();
    let fail = false;
    const server = fakeServer(() => (fail ? errorReply(503, 'SERVICE_UNAVAILABLE', ERROR_MESSAGES.SERVICE_UNAVAILABLE) : json(200, { card: card(1) })));
    render(<CardPage />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    fail = true;
    await act(() => vi.advanceTimersByTimeAsync(TTL_MS - REFRESH_AHEAD_MS + 100));
    expect(screen.getByTestId('card-member-no')).toBeTruthy();
    expect(screen.getByTestId('card-error').textContent).toContain(ERROR_MESSAGES.SERVICE_UNAVAILABLE);
    const before = server.to('/api/memberships/card').length;
    await act(() => vi.advanceTimersByTimeAsync(MIN_REFRESH_MS + 100));
    expect(server.to('/api/memberships/card').length).toBeGreaterThan(before);
    await act(() => vi.advanceTimersByTimeAsync(REFRESH_AHEAD_MS));
    fail = false;
    const beforeClick = server.to('/api/memberships/card').length;
    fireEvent.click(screen.getByTestId('card-refresh'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(server.to('/api/memberships/card').length).toBe(beforeClick + 1);
    expect(screen.queryByTestId('card-refresh')).toBeNull();
    expect(screen.queryByTestId('card-error')).toBeNull();
  });

  it('not a member (asked with ?optional=true, answered 200 { card: null }, no 404): a plain message and a button to join', async () => {
    loggedIn();
    const server = fakeServer(() => json(200, { card: null }));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<CardPage />);
    await screen.findByTestId('card-not-member');
    expect(screen.getByText('你还不是工会会员')).toBeTruthy();
    expect(server.to('/api/memberships/card').map((r) => r.url)).toEqual([expect.stringMatching(/\/api\/memberships\/card\?optional=true$/)]);
    fireEvent.click(screen.getByTestId('card-join'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/join/index' });
  });
});

describe('tokenRefreshDelay', () => {
  it('is the lifetime left minus 30 s, capped by the TTL (a fast phone clock) and never below 10 s (a slow one)', () => {
    const now = Date.parse('2026-11-23T06:00:00.000Z');
    expect(tokenRefreshDelay(new Date(now + TTL_MS).toISOString(), now)).toBe(TTL_MS - REFRESH_AHEAD_MS);
    expect(tokenRefreshDelay(new Date(now + 10 * TTL_MS).toISOString(), now)).toBe(TTL_MS - REFRESH_AHEAD_MS);
    expect(tokenRefreshDelay(new Date(now - TTL_MS).toISOString(), now)).toBe(MIN_REFRESH_MS);
    expect(tokenRefreshDelay('not a date', now)).toBe(MIN_REFRESH_MS);
  });
});
