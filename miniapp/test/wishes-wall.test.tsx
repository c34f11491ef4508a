import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import WishesPage, { WALL_TEXT } from '../src/pages/wishes/index';
import { claimsApi, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { browserPosition, queryOf, removeBrowserPosition } from './station-fixtures';
import { wallPage, wallWish } from './wish-fixtures';
import { loggedIn } from './support/session';

const HERE = { latitude: 24.4637, longitude: 118.0978 };

afterEach(removeBrowserPosition);

function open(wall: Route, { signedIn = true } = {}) {
  if (signedIn) loggedIn();
  const server = claimsApi({ '/api/wishes/wall': wall, '/api/inbox/unread-count': () => json(200, { unread: 0 }) });
  const nav = navigation();
  render(<WishesPage />);
  const walls = () => server.to('/api/wishes/wall').map((r) => queryOf(r.url));
  return { server, nav, walls };
}

describe('心愿 tab: the wall', () => {
  it('with the position: nearest pickup station first, distances, counts on the filter tabs, value in yuan, alias, status', async () => {
    browserPosition(HERE);
    const { walls, server } = open(() =>
      json(
        200,
        wallPage([
          wallWish({ id: 'a', distanceMeters: 850 }),
          wallWish({ id: 'b', category: 'health', title: '一副护膝', valueFen: 8950, wisher: '匿名', distanceMeters: 12345, station: { id: 's2', code: 'ST-SM-02', name: '火车站工会驿站', district: '思明区' } }),
        ]),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(2));
    const [q] = walls();
    expect(q.filter).toBe('open');
    expect(server.to('/api/wishes/wall')[0].header.Authorization).toBe('Bearer access-1');
    expect(Number(q.lat)).toBeCloseTo(HERE.latitude, 1);
    expect(Number(q.lng)).toBeCloseTo(HERE.longitude, 1);
    expect(screen.getByTestId('wishes-where').textContent).toBe(WALL_TEXT.near);
    expect(['open', 'claimed', 'fulfilled'].map((f) => screen.getByTestId(`wishes-count-${f}`).textContent)).toEqual(['12', '3', '7']);
    const [a, b] = screen.getAllByTestId('wish-card');
    expect(within(a).getByTestId('wish-card-distance').textContent).toBe('850 m');
    expect(within(a).getByTestId('wish-card-value').textContent).toBe('¥200');
    expect(within(a).getByTestId('wish-card-category').textContent).toBe('子女学习');
    expect(within(a).getByTestId('wish-card-alias').textContent).toBe('王师傅');
    expect(within(a).getByTestId('wish-card-status').textContent).toBe('待认领');
    expect(within(b).getByTestId('wish-card-distance').textContent).toBe('12 km');
    expect(within(b).getByTestId('wish-card-value').textContent).toBe('¥89.50');
    expect(within(b).getByTestId('wish-card-alias').textContent).toBe('匿名');
    // The position is used for the query only.
    expect(JSON.stringify(localStorage)).not.toContain('24.46');
  });

  it('location refused: the wall still lists, without distances and without lat/lng in the query', async () => {
    browserPosition(null);
    const { walls } = open(() => json(200, wallPage([wallWish()])));
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(1));
    expect(walls()).toHaveLength(1);
    expect(walls()[0]).toEqual({ filter: 'open' });
    expect(screen.queryByTestId('wish-card-distance')).toBeNull();
    expect(screen.getByTestId('wish-card-station').textContent).toBe('中山路工会驿站');
    expect(screen.getByTestId('wishes-where').textContent).toBe(WALL_TEXT.noLocation);
  });

  it('filter tabs and category chips ask the server again; 已圆梦 cards show the thank-you and the donor', async () => {
    browserPosition(null);
    const { walls } = open((req) => {
      const q = queryOf(req.url);
      if (q.filter === 'fulfilled') return json(200, wallPage([wallWish({ id: 'f', status: 'fulfilled', wall: 'fulfilled', donor: '张先生', thanks: '书包收到了，孩子很喜欢！' })]));
      return json(200, wallPage([wallWish()]));
    });
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('wishes-filter-fulfilled'));
    await waitFor(() => expect(screen.getByTestId('wish-card-thanks')).toBeTruthy());
    expect(screen.getByTestId('wish-card-thanks').textContent).toBe('致 张先生：书包收到了，孩子很喜欢！');
    expect(screen.getByTestId('wish-card-status').textContent).toBe('已圆梦');
    expect(screen.getByTestId('wishes-filter-fulfilled').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(within(screen.getByTestId('wishes-categories')).getByText('健康医疗'));
    await waitFor(() => expect(walls().at(-1)).toEqual({ filter: 'fulfilled', category: 'health' }));
    fireEvent.click(within(screen.getByTestId('wishes-categories')).getByText('全部'));
    await waitFor(() => expect(walls().at(-1)).toEqual({ filter: 'fulfilled' }));
  });

  it('加载更多 follows the cursor and appends; the button goes when there is no next page', async () => {
    browserPosition(null);
    const { walls } = open((req) =>
      queryOf(req.url).cursor === 'c2'
        ? json(200, wallPage([wallWish({ id: 'b', title: '第二页的心愿' }), wallWish({ id: 'a' })]))
        : json(200, wallPage([wallWish({ id: 'a' })], { nextCursor: 'c2' })),
    );
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('wishes-more'));
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(2));
    expect(walls()[1]).toEqual({ filter: 'open', cursor: 'c2' });
    expect(screen.getAllByTestId('wish-card-title').map((t) => t.textContent)).toEqual(['给孩子买一个新书包', '第二页的心愿']);
    expect(screen.queryByTestId('wishes-more')).toBeNull();
  });

  it('empty and failed states: an empty text per filter, a retry card that loads again', async () => {
    browserPosition(null);
    let calls = 0;
    open(() => (++calls === 1 ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试') : json(200, wallPage([], { counts: { open: 0, claimed: 0, fulfilled: 0 } }))));
    const error = await screen.findByTestId('wishes-error');
    expect(error.textContent).toContain('服务暂时不可用');
    fireEvent.click(within(error).getByText('重试'));
    expect((await screen.findByTestId('wishes-empty')).textContent).toBe(WALL_TEXT.empty.open);
  });

  it('发心愿 and a card each open their page in one tap', async () => {
    browserPosition(null);
    const { nav } = open(() => json(200, wallPage([wallWish({ id: 'w9' })])));
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('wishes-post'));
    expect(nav.navigate).toHaveBeenLastCalledWith({ url: '/pages/wish/new' });
    fireEvent.click(screen.getByTestId('wish-card'));
    expect(nav.navigate).toHaveBeenLastCalledWith({ url: '/pages/wish/detail?id=w9' });
  });

  it('logged out, a server that wants a login for the wall: a login prompt instead of an error', async () => {
    browserPosition(null);
    const { nav } = open(() => errorReply(401, 'UNAUTHENTICATED', '请先登录'), { signedIn: false });
    fireEvent.click(await screen.findByTestId('wishes-login'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(screen.queryByTestId('wishes-error')).toBeNull();
  });
});
