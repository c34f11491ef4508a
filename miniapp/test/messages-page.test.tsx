import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import MessagesPage from '../src/pages/messages/index';
import type { InboxMessage } from '../src/services/notifications';
import { claimsApi, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { loggedIn } from './support/session';

function message(n: number, over: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id: `m${n}`,
    kind: 'claim.reply',
    title: `诉求有了新答复 ${n}`,
    body: `XM-2026-000${n}：工会已答复`,
    link: `/pages/claims/detail?id=c${n}`,
    createdAt: new Date(Date.UTC(2026, 10, 23, 6, 60 - n)).toISOString(),
    readAt: null,
    ...over,
  };
}

const READ_AT = '2026-11-23T08:00:00.000Z';

async function openPage(routes: Record<string, Route>) {
  loggedIn();
  const server = claimsApi(routes);
  const nav = { ...navigation(), switchTab: vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' }) };
  render(<MessagesPage />);
  return { server, nav };
}

const items = () => screen.queryAllByTestId('message-item');
const titles = () => screen.queryAllByTestId('message-title').map((t) => t.textContent);

describe('消息 page', () => {
  it('lists the messages in the server’s order (newest first); unread ones carry a dot and a bold title; the unread count shows', async () => {
    const page = [message(1), message(2, { readAt: READ_AT, link: null }), message(3)];
    const { server } = await openPage({ '/api/inbox': () => json(200, { unread: 2, items: page, nextCursor: null }) });
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(titles()).toEqual(page.map((m) => m.title));
    expect(items().map((el) => el.getAttribute('data-unread'))).toEqual(['true', 'false', 'true']);
    expect(screen.getAllByTestId('message-unread-dot')).toHaveLength(2);
    const [first, second] = screen.getAllByTestId('message-title');
    expect(first.className).toContain('messages-page__title--unread');
    expect(second.className).not.toContain('messages-page__title--unread');
    expect(screen.getAllByTestId('message-body')[0].textContent).toBe('XM-2026-0001：工会已答复');
    expect(screen.getByTestId('messages-unread').textContent).toBe('2 条未读');
    expect(server.to('/api/inbox')).toHaveLength(1);
    expect(server.to('/api/inbox')[0].header.Authorization).toBe('Bearer access-1');
    // A server from before paging answers without nextCursor: no 加载更多.
    expect(screen.queryByTestId('messages-more')).toBeNull();
  });

  it('tapping an unread message marks it read on the server and opens the page its link names', async () => {
    const { server, nav } = await openPage({
      '/api/inbox': () => json(200, { unread: 1, items: [message(1)], nextCursor: null }),
      '/api/inbox/m1/read': () => json(200, message(1, { readAt: READ_AT })),
    });
    await waitFor(() => expect(items()).toHaveLength(1));
    fireEvent.click(items()[0]);
    await waitFor(() => expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c1' }));
    expect(server.to('/api/inbox/m1/read').map((r) => r.method)).toEqual(['POST']);
    expect(items()[0].getAttribute('data-unread')).toBe('false');
    expect(screen.queryByTestId('message-unread-dot')).toBeNull();
    expect(screen.getByTestId('messages-unread').textContent).toBe('没有未读消息');
    expect(screen.queryByTestId('messages-read-all')).toBeNull();
  });

  it('a link to a tab page switches tab; a staff link opens the subpackage; a message without a link is only marked read; a read one sends nothing', async () => {
    const page = [
      message(1, { kind: 'membership.approved', link: '/pages/me/index' }),
      message(2, { kind: 'claim.assigned', link: '/staff/pages/claim/index?id=c2' }),
      message(3, { kind: 'event.changed', link: null }),
      message(4, { readAt: READ_AT, link: '/pages/events/mine' }),
    ];
    const { server, nav } = await openPage({
      '/api/inbox': () => json(200, { unread: 3, items: page, nextCursor: null }),
      '/read': (req) => json(200, { ...page.find((m) => req.url.includes(`/${m.id}/`)), readAt: READ_AT }),
    });
    await waitFor(() => expect(items()).toHaveLength(4));
    fireEvent.click(items()[0]);
    await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
    fireEvent.click(items()[1]);
    await waitFor(() => expect(nav.navigate).toHaveBeenCalledWith({ url: '/staff/pages/claim/index?id=c2' }));
    fireEvent.click(items()[2]);
    await waitFor(() => expect(server.to('/api/inbox/m3/read')).toHaveLength(1));
    expect(nav.navigate).toHaveBeenCalledTimes(1);
    fireEvent.click(items()[3]);
    await waitFor(() => expect(nav.navigate).toHaveBeenLastCalledWith({ url: '/pages/events/mine' }));
    expect(server.requests.filter((r) => r.url.endsWith('/read')).map((r) => r.url.replace(/^.*\/api/, ''))).toEqual([
      '/inbox/m1/read',
      '/inbox/m2/read',
      '/inbox/m3/read',
    ]);
    expect(items().every((el) => el.getAttribute('data-unread') === 'false')).toBe(true);
  });

  it('全部已读 marks everything read on the server and on the page', async () => {
    const { server } = await openPage({
      '/api/inbox': () => json(200, { unread: 2, items: [message(1), message(2)], nextCursor: null }),
      '/api/inbox/read-all': () => json(200, { unread: 0 }),
    });
    await waitFor(() => expect(items()).toHaveLength(2));
    fireEvent.click(screen.getByTestId('messages-read-all'));
    await waitFor(() => expect(screen.queryAllByTestId('message-unread-dot')).toHaveLength(0));
    expect(server.to('/api/inbox/read-all').map((r) => r.method)).toEqual(['POST']);
    expect(screen.getByTestId('messages-unread').textContent).toBe('没有未读消息');
    expect(screen.queryByTestId('messages-read-all')).toBeNull();
  });

  it('no messages yet: 暂无消息 and what will arrive here', async () => {
    await openPage({ '/api/inbox': () => json(200, { unread: 0, items: [], nextCursor: null }) });
    const empty = await screen.findByTestId('messages-empty');
    expect(empty.textContent).toContain('暂无消息');
    expect(empty.textContent).toContain('诉求办理进度');
    expect(screen.queryByTestId('messages-read-all')).toBeNull();
  });

  it('a failed load says so with 重试, and 重试 loads the list', async () => {
    let calls = 0;
    const { server } = await openPage({
      '/api/inbox': () => (++calls === 1 ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试') : json(200, { unread: 1, items: [message(1)], nextCursor: null })),
    });
    const error = await screen.findByTestId('messages-error');
    expect(error.textContent).toContain('服务暂时不可用，请稍后再试');
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(items()).toHaveLength(1));
    expect(screen.queryByTestId('messages-error')).toBeNull();
    expect(server.to('/api/inbox')).toHaveLength(2);
  });

  it('加载更多 asks for the next page with the cursor, appends it, and goes away after the last page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => message(i + 1));
    const second = [message(21), message(22, { readAt: READ_AT })];
    const { server } = await openPage({
      '/api/inbox': (req) => (req.url.includes('cursor=') ? json(200, { unread: 21, items: second, nextCursor: null }) : json(200, { unread: 21, items: first, nextCursor: 'c-20' })),
    });
    await waitFor(() => expect(items()).toHaveLength(20));
    fireEvent.click(screen.getByTestId('messages-more'));
    await waitFor(() => expect(items()).toHaveLength(22));
    expect(server.to('/api/inbox').map((r) => new URL(r.url, 'http://x').searchParams.get('cursor'))).toEqual([null, 'c-20']);
    expect(titles().slice(-2)).toEqual([second[0].title, second[1].title]);
    expect(screen.queryByTestId('messages-more')).toBeNull();
  });

  it('signed out: the login prompt, and nothing is asked of the server', async () => {
    const server = claimsApi({});
    const { navigate } = navigation();
    render(<MessagesPage />);
    expect(screen.getByTestId('messages-login-needed').textContent).toContain('登录后查看你的消息');
    fireEvent.click(screen.getByText('登录'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(server.requests).toHaveLength(0);
  });
});
