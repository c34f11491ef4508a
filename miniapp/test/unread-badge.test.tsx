import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import MePage from '../src/pages/me/index';
import WishesPage from '../src/pages/wishes/index';
import { logout } from '../src/services/auth';
import { claimsApi, navigation } from './claims-fixtures';
import { json, type Route } from './support/fake-server';
import { loggedIn, worker } from './support/session';

/** The tab bar is the platform's (the edge): record what the app asks of it. */
function tabBar() {
  return {
    set: vi.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'setTabBarBadge:ok' }),
    remove: vi.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'removeTabBarBadge:ok' }),
  };
}

const meRoutes = (count: Route): Record<string, Route> => ({
  '/api/me': () => json(200, worker),
  '/api/memberships/card': () => json(200, { card: null }),
  '/api/inbox/unread-count': count,
});

describe('我的: 消息 entry and the tab badge', () => {
  it('消息 is the first entry, says how many are unread, and opens the 消息 page in one tap; the 我的 tab gets the count', async () => {
    loggedIn();
    const bar = tabBar();
    const server = claimsApi(meRoutes(() => json(200, { unread: 3 })));
    const { navigate } = navigation();
    const { container } = render(<MePage />);
    await waitFor(() => expect(screen.getByTestId('me-messages').textContent).toContain('3 条未读'));
    expect(container.querySelector('.me-page__entries [data-testid]')?.getAttribute('data-testid')).toBe('me-messages');
    expect(bar.set).toHaveBeenCalledWith({ index: 3, text: '3' });
    // The cheap count, never the list.
    expect(server.to('/api/inbox/unread-count')).toHaveLength(1);
    expect(server.to('/api/inbox')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('me-messages'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/messages/index' });
  });

  it('above 99 the badge says 99+; nothing unread removes it and the entry says what arrives there', async () => {
    loggedIn();
    const bar = tabBar();
    claimsApi(meRoutes(() => json(200, { unread: 120 })));
    const first = render(<MePage />);
    await waitFor(() => expect(screen.getByTestId('me-messages').textContent).toContain('99+ 条未读'));
    expect(bar.set).toHaveBeenLastCalledWith({ index: 3, text: '99+' });
    first.unmount();

    claimsApi(meRoutes(() => json(200, { unread: 0 })));
    render(<MePage />);
    await waitFor(() => expect(bar.remove).toHaveBeenCalledWith({ index: 3 }));
    expect(screen.getByTestId('me-messages').textContent).toContain('诉求进度、入会结果、活动变动');
  });

  it('a failed count is silent: no badge change, the entry still works', async () => {
    loggedIn();
    const bar = tabBar();
    // Every timer fake (running with real time, so waitFor works): jump past the client's whole retry backoff.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const server = claimsApi(meRoutes(() => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' })));
    render(<MePage />);
    await waitFor(() => expect(server.to('/api/inbox/unread-count')).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    // One try: the next show asks again.
    expect(server.to('/api/inbox/unread-count')).toHaveLength(1);
    expect(bar.set).not.toHaveBeenCalled();
    expect(bar.remove).not.toHaveBeenCalled();
    expect(screen.getByTestId('me-messages')).toBeTruthy();
  });

  it('signed out: no 消息 entry, no request, no badge; logging out clears the badge', async () => {
    const bar = tabBar();
    const quiet = claimsApi({});
    const first = render(<MePage />);
    expect(screen.queryByTestId('me-messages')).toBeNull();
    expect(quiet.to('/api/inbox/unread-count')).toHaveLength(0);
    expect(bar.remove).toHaveBeenCalledWith({ index: 3 });
    first.unmount();

    loggedIn();
    bar.remove.mockClear();
    claimsApi({ ...meRoutes(() => json(200, { unread: 2 })), '/api/auth/logout': () => ({ status: 204 }) });
    render(<MePage />);
    await waitFor(() => expect(bar.set).toHaveBeenCalledWith({ index: 3, text: '2' }));
    await act(() => logout());
    await waitFor(() => expect(bar.remove).toHaveBeenCalledWith({ index: 3 }));
    expect(screen.queryByTestId('me-messages')).toBeNull();
  });

  it('every tab page refreshes the badge when it shows, not only 我的', async () => {
    loggedIn();
    const bar = tabBar();
    const server = claimsApi({ '/api/inbox/unread-count': () => json(200, { unread: 5 }) });
    render(<WishesPage />);
    await waitFor(() => expect(bar.set).toHaveBeenCalledWith({ index: 3, text: '5' }));
    expect(server.to('/api/inbox/unread-count')).toHaveLength(1);
  });
});
