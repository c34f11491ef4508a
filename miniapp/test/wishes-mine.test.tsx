import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MyWishesPage from '../src/pages/wish/mine';
import MePage from '../src/pages/me/index';
import { claimsApi, navigation } from './claims-fixtures';
import { json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';
import { makeWish } from './wish-fixtures';

afterEach(resetParams);

describe('我的心愿 / 我认领的心愿', () => {
  it('two tabs with counts; each wish with its status and next step; a tap opens the detail', async () => {
    loggedIn();
    withParams({ tab: 'posted' });
    claimsApi({
      '/api/wishes/mine': () => json(200, [makeWish({ id: 'p1', viewer: 'wisher', status: 'received', actions: [] })]),
      '/api/wishes/claimed': () =>
        json(200, [makeWish({ id: 'c1', viewer: 'donor', status: 'claimed', actions: ['release', 'deliver'], holdUntil: '2026-12-09T02:00:00.000Z' }), makeWish({ id: 'c2', viewer: 'donor', status: 'fulfilled', actions: [] })]),
    });
    const nav = navigation();
    render(<MyWishesPage />);
    await waitFor(() => expect(screen.getAllByTestId('wish-mine-item')).toHaveLength(1));
    expect(screen.getByTestId('wish-mine-tab-posted').textContent).toBe('我的心愿 1');
    expect(screen.getByTestId('wish-mine-tab-claimed').textContent).toBe('我认领的心愿 2');
    expect(screen.getByTestId('wish-mine-item-status').textContent).toBe('驿站已签收');
    expect(screen.getByTestId('wish-mine-item-line').textContent).toBe('礼物已在「中山路工会驿站」，带上会员码去领取');
    // An open wish already: no 发心愿 here, the wall instead.
    expect(screen.queryByTestId('wish-mine-post')).toBeNull();

    fireEvent.click(screen.getByTestId('wish-mine-tab-claimed'));
    const items = screen.getAllByTestId('wish-mine-item');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByTestId('wish-mine-item-line').textContent).toBe('请在 2026-12-09 前送到「中山路工会驿站」，并拍照标记已送达');
    expect(within(items[1]).getByTestId('wish-mine-item-line').textContent).toBe('心愿已圆梦，谢谢你');
    fireEvent.click(items[0]);
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/wish/detail?id=c1' });
  });

  it('opens on 我认领的心愿 from its entry; nothing posted offers 发心愿', async () => {
    loggedIn();
    withParams({ tab: 'claimed' });
    claimsApi({ '/api/wishes/mine': () => json(200, []), '/api/wishes/claimed': () => json(200, []) });
    const nav = navigation();
    render(<MyWishesPage />);
    expect((await screen.findByTestId('wish-mine-empty')).textContent).toContain('你还没有认领过心愿');
    fireEvent.click(screen.getByTestId('wish-mine-tab-posted'));
    fireEvent.click(screen.getByTestId('wish-mine-post'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/wish/new' });
  });

  it('我的 has both entries, one tap each', () => {
    loggedIn();
    vi.spyOn(Taro, 'request').mockImplementation((() => new Promise(() => undefined)) as unknown as typeof Taro.request);
    const nav = navigation();
    render(<MePage />);
    fireEvent.click(screen.getByTestId('me-wishes'));
    fireEvent.click(screen.getByTestId('me-wishes-claimed'));
    expect(nav.navigate.mock.calls.map(([o]) => o.url)).toEqual(['/pages/wish/mine?tab=posted', '/pages/wish/mine?tab=claimed']);
  });
});
