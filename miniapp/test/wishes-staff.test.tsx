import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { PERSONAL_DATA_MESSAGES } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WishScreeningPage from '../src/staff/pages/wish-screening/index';
import WishScreenPage from '../src/staff/pages/wish-screen/index';
import WishHandoverPage from '../src/staff/pages/wish-handover/index';
import StaffHomePage from '../src/staff/pages/home/index';
import { claimsApi, navigation, officer } from './claims-fixtures';
import { errorReply, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { queryOf } from './station-fixtures';
import { makeWish } from './wish-fixtures';

const master = { ...worker, id: 'm1', roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };

afterEach(resetParams);

const screening = (o: Parameters<typeof makeWish>[0] = {}) =>
  makeWish({ status: 'screening', viewer: 'officer', actions: ['approve', 'reject'], publishedAt: null, screeningDueAt: '2026-11-25T09:59:59.000Z', timeline: [], ...o });

describe('微心愿审核 (officers)', () => {
  it('lists the queue in the server order with overdue and personal data marked; 加载更多 follows the cursor; a tap opens the editor', async () => {
    loggedIn(officer);
    const server = claimsApi({
      '/api/wishes/queue': (req) =>
        queryOf(req.url).cursor === 'n2'
          ? json(200, { items: [screening({ id: 'c', title: '第三个' })], nextCursor: null })
          : json(200, { items: [screening({ id: 'a', overdue: true, title: '超时的' }), screening({ id: 'b', personalData: ['mobile'], title: '有电话的' })], nextCursor: 'n2' }),
    });
    const nav = navigation();
    render(<WishScreeningPage />);
    await waitFor(() => expect(screen.getAllByTestId('wish-screening-item')).toHaveLength(2));
    const [a, b] = screen.getAllByTestId('wish-screening-item');
    expect(within(a).getByTestId('wish-screening-item-flag').textContent).toBe('已超时');
    expect(within(b).getByTestId('wish-screening-item-flag').textContent).toBe('内容里可能有个人信息');
    expect(within(a).getByTestId('wish-screening-item-line').textContent).toMatch(/^审核期限 2026-11-25 \d\d:59$/);
    fireEvent.click(screen.getByTestId('wish-screening-more'));
    await waitFor(() => expect(screen.getAllByTestId('wish-screening-item')).toHaveLength(3));
    expect(server.to('/api/wishes/queue').map((r) => queryOf(r.url).cursor ?? null)).toEqual([null, 'n2']);
    fireEvent.click(screen.getAllByTestId('wish-screening-item')[1]);
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/staff/pages/wish-screen/index?id=b' });
  });

  it('a worker gets the no-access page and nothing is fetched', () => {
    loggedIn(worker);
    const server = claimsApi({});
    render(<WishScreeningPage />);
    expect(screen.getByTestId('staff-no-access')).toBeTruthy();
    expect(server.requests).toHaveLength(0);
  });

  it('the editor shows the personal-data flags; the officer edits them out and approves with the edited text only', async () => {
    loggedIn(officer);
    withParams({ id: 'w1' });
    const wish = screening({ story: '书包背带断了，联系我 13812345678', personalData: ['mobile'] });
    const server = claimsApi({ '/api/wishes/w1': () => json(200, wish), '/api/wishes/w1/approve': () => json(200, { ...wish, status: 'published', actions: [] }) });
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' });
    const { container } = render(<WishScreenPage />);
    await screen.findByTestId('wish-screen');
    expect(screen.getByTestId('wish-screen-flags').textContent).toContain(PERSONAL_DATA_MESSAGES.mobile);
    expect(screen.getByTestId('wish-screen-story-error').textContent).toBe(PERSONAL_DATA_MESSAGES.mobile);
    typeInto(container, 'wish-screen-story', '书包背带断了，想换一个结实的。');
    await waitFor(() => expect(screen.queryByTestId('wish-screen-story-error')).toBeNull());
    fireEvent.click(screen.getByTestId('wish-screen-approve'));
    await waitFor(() => expect(back).toHaveBeenCalled());
    const [req] = server.to('/api/wishes/w1/approve');
    expect(req.data).toEqual({ story: '书包背带断了，想换一个结实的。' });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('不通过 needs a reason of 2+ characters, which goes to the server', async () => {
    loggedIn(officer);
    withParams({ id: 'w1' });
    const wish = screening();
    const server = claimsApi({ '/api/wishes/w1': () => json(200, wish), '/api/wishes/w1/reject': () => json(200, { ...wish, status: 'rejected', actions: [] }) });
    vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' });
    const { container } = render(<WishScreenPage />);
    await screen.findByTestId('wish-screen');
    fireEvent.click(screen.getByTestId('wish-screen-reject'));
    typeInto(container, 'wish-reject-panel-text', '现');
    fireEvent.click(screen.getByTestId('wish-reject-panel-submit'));
    expect(screen.getByTestId('wish-reject-panel-error')).toBeTruthy();
    typeInto(container, 'wish-reject-panel-text', '现金类心愿不能发布，可以改为具体物品');
    fireEvent.click(screen.getByTestId('wish-reject-panel-submit'));
    await waitFor(() => expect(server.to('/api/wishes/w1/reject')).toHaveLength(1));
    expect(server.to('/api/wishes/w1/reject')[0].data).toEqual({ reason: '现金类心愿不能发布，可以改为具体物品' });
  });
});

describe('心愿交接 (station masters)', () => {
  function handoverServer(pickup = (token: string) => (token === 'card-of-wisher' ? null : errorReply(409, 'WISH_CARD_MISMATCH', '这不是该心愿心愿人的会员码'))) {
    let current = makeWish({ status: 'delivered', viewer: 'station', actions: ['receive'], donor: '张先生' });
    return claimsApi({
      '/api/wishes/station': () => json(200, [current]),
      '/api/wishes/w1/receive': () => {
        current = { ...current, status: 'received', actions: ['pickup'] };
        return json(200, current);
      },
      '/api/wishes/w1/pickup': (req) => {
        const refused = pickup((req.data as { cardToken: string }).cardToken);
        if (refused) return refused;
        current = { ...current, status: 'picked_up', actions: [] };
        return json(200, current);
      },
    });
  }

  it("lists the wishes at the master's stations; 签收, then 确认领取 with the wisher's card token (pasted on H5)", async () => {
    loggedIn(master);
    const server = handoverServer();
    const { container } = render(<WishHandoverPage />);
    await screen.findByTestId('wish-handover-item');
    expect(queryOf(server.to('/api/wishes/station')[0].url)).toEqual({});
    expect(screen.getByTestId('wish-handover-card-station').textContent).toBe('中山路工会驿站 · XY2026000123');
    expect(screen.getByTestId('wish-handover-card-line').textContent).toBe('爱心人士已送达，请核对后签收');
    fireEvent.click(screen.getByTestId('wish-handover-receive'));
    await waitFor(() => expect(screen.getByTestId('wish-handover-card-status').textContent).toBe('驿站已签收'));
    expect(server.to('/api/wishes/w1/receive')[0].header['Idempotency-Key']).toBeTruthy();

    fireEvent.click(screen.getByTestId('wish-handover-pickup'));
    fireEvent.click(screen.getByTestId('wish-pickup-submit'));
    expect(screen.getByTestId('wish-pickup-error').textContent).toBe('请先扫描或粘贴心愿人的会员码');
    typeInto(container, 'wish-pickup-token', 'card-of-someone-else');
    fireEvent.click(screen.getByTestId('wish-pickup-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain('这不是该心愿心愿人的会员码'));
    expect(screen.queryByTestId('claim-action-refresh')).toBeNull();
    typeInto(container, 'wish-pickup-token', 'card-of-wisher');
    fireEvent.click(screen.getByTestId('wish-pickup-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-handover-card-status').textContent).toBe('已领取'));
    expect(server.to('/api/wishes/w1/pickup').map((r) => r.data)).toEqual([{ cardToken: 'card-of-someone-else' }, { cardToken: 'card-of-wisher' }]);
    expect(screen.queryByTestId('wish-handover-pickup')).toBeNull();
  });
});

describe('工作台: the wish tools', () => {
  it('officers see 微心愿审核 with how many wait; masters see 心愿交接 with how many wait for them', async () => {
    loggedIn(officer);
    claimsApi({ '/api/wishes/queue': () => json(200, { items: [screening({ id: 'a' }), screening({ id: 'b' })], nextCursor: null }), '/api/me': () => json(200, officer) });
    const nav = navigation();
    const first = render(<StaffHomePage />);
    await waitFor(() => expect(screen.getByTestId('staff-tool-wish-screening').textContent).toContain('2 件待审核'));
    fireEvent.click(screen.getByTestId('staff-tool-wish-screening'));
    expect(screen.queryByTestId('staff-tool-wish-handover')).toBeNull();
    first.unmount();

    loggedIn(master);
    claimsApi({
      '/api/wishes/station': () =>
        json(200, [
          makeWish({ id: 'h1', status: 'claimed', viewer: 'station' }),
          makeWish({ id: 'h2', status: 'delivered', viewer: 'station' }),
          makeWish({ id: 'h3', status: 'received', viewer: 'station' }),
          makeWish({ id: 'h4', status: 'delivered', viewer: 'station' }),
        ]),
      '/api/me': () => json(200, master),
    });
    render(<StaffHomePage />);
    // on its way (claimed) does not wait for the master yet: 2 to sign for + 1 to hand over
    await waitFor(() => expect(screen.getByTestId('staff-tool-wish-handover').textContent).toContain('3 件待交接'));
    fireEvent.click(screen.getByTestId('staff-tool-wish-handover'));
    expect(screen.queryByTestId('staff-tool-wish-screening')).toBeNull();
    expect(nav.navigate.mock.calls.map(([o]) => o.url)).toEqual(['/staff/pages/wish-screening/index', '/staff/pages/wish-handover/index']);
  });
});
