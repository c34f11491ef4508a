import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import { ORG_PICKER_TEXT, OrgPicker } from '../src/components/org-picker';
import { answerOf, deferred, errorReply, fakeServer, json, type Reply } from './support/fake-server';
import { typeInto } from './support/page';

const MT = { code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true };
const SM = { code: 'XM-SM', name: '思明区总工会', level: 'district', parentName: '厦门市总工会', autoApprove: false };

const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

function mount(props: Partial<Parameters<typeof OrgPicker>[0]> = {}, reply: (q: Record<string, string>) => Reply | Promise<Reply> = () => json(200, { items: [MT, SM] })) {
  const server = fakeServer((req) => reply(queryOf(req.url)));
  const onPick = vi.fn();
  const view = render(<OrgPicker testId='picker' onPick={onPick} debounceMs={20} {...props} />);
  return { server, onPick, container: view.container };
}

describe('OrgPicker', () => {
  it('shows a hint and sends nothing until something is typed', async () => {
    const { server } = mount();
    expect(screen.getByText(ORG_PICKER_TEXT.hint)).toBeTruthy();
    // Well past the debounce (20 ms here) on fake timers: still nothing asked.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await vi.advanceTimersByTimeAsync(1_000);
    vi.useRealTimers();
    expect(server.requests).toHaveLength(0);
  });

  it('debounces typing into one anonymous search with the trimmed keyword, level and limit', async () => {
    vi.useFakeTimers();
    const { server, container } = mount({ level: 'enterprise', limit: 10, debounceMs: 300 });
    typeInto(container, 'picker', '美');
    act(() => vi.advanceTimersByTime(100));
    typeInto(container, 'picker', '美团 ');
    act(() => vi.advanceTimersByTime(299));
    expect(server.requests).toHaveLength(0);
    act(() => vi.advanceTimersByTime(1));
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.url.replace(/\?.*$/, '')).toMatch(/\/api\/orgs$/);
    expect(queryOf(req.url)).toEqual({ q: '美团', level: 'enterprise', limit: '10' });
    expect(req.header.Authorization).toBeUndefined();
    vi.useRealTimers();
  });

  it('lists name, level and parent; tapping a row picks that org', async () => {
    const { onPick, container } = mount();
    typeInto(container, 'picker', '厦门');
    const row = await screen.findByTestId('picker-item-XM-MT');
    expect(row.textContent).toContain(MT.name);
    expect(row.textContent).toContain('企业（平台）工会');
    expect(row.textContent).toContain(`上级：${MT.parentName}`);
    expect(screen.getByTestId('picker-item-XM-SM').textContent).toContain('区总工会');
    fireEvent.click(row);
    expect(onPick).toHaveBeenCalledWith({ code: 'XM-MT', name: MT.name, level: 'enterprise', parentName: MT.parentName });
  });

  it('says so in Chinese when nothing matches', async () => {
    const { container } = mount({}, () => json(200, { items: [] }));
    typeInto(container, 'picker', '不存在的工会');
    expect((await screen.findByTestId('picker-empty')).textContent).toBe(ORG_PICKER_TEXT.empty('不存在的工会'));
  });

  it('the join page\'s texts are the defaults; a page can give its own hint and empty text', async () => {
    const own = mount({ hint: '输入平台或公司名称', emptyText: (q) => `没有“${q}”，可以直接填写单位名称` }, () => json(200, { items: [] }));
    expect(screen.getByText('输入平台或公司名称')).toBeTruthy();
    expect(screen.queryByText(ORG_PICKER_TEXT.hint)).toBeNull();
    typeInto(own.container, 'picker', '某某快递');
    expect((await screen.findByTestId('picker-empty')).textContent).toBe('没有“某某快递”，可以直接填写单位名称');
    cleanup();

    const fixed = mount({ emptyText: '没有找到这个单位的工会' }, () => json(200, { items: [] }));
    expect(screen.getByText(ORG_PICKER_TEXT.hint)).toBeTruthy();
    typeInto(fixed.container, 'picker', '某某快递');
    expect((await screen.findByTestId('picker-empty')).textContent).toBe('没有找到这个单位的工会');
  });

  it('employer asks the server for employer unions only; without it the parameter is not sent', async () => {
    const { server, container } = mount({ level: 'enterprise', employer: true });
    typeInto(container, 'picker', '美团');
    await screen.findByTestId('picker-item-XM-MT');
    expect(queryOf(server.requests[0].url)).toEqual({ q: '美团', level: 'enterprise', employer: 'true' });
    cleanup();

    const plain = mount({ level: 'enterprise' });
    typeInto(plain.container, 'picker', '美团');
    await screen.findByTestId('picker-item-XM-MT');
    expect(queryOf(plain.server.requests[0].url)).toEqual({ q: '美团', level: 'enterprise' });
  });

  it('shows the server\'s Chinese message on failure and retries on 重试', async () => {
    let fail = true;
    const { server, container } = mount({}, () =>
      fail ? errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'q', message: '关键词最多 32 个字' }]) : json(200, { items: [MT] }),
    );
    typeInto(container, 'picker', '美团');
    const error = await screen.findByTestId('picker-error');
    expect(error.textContent).toContain(ORG_PICKER_TEXT.error(ERROR_MESSAGES.VALIDATION_FAILED));
    fail = false;
    fireEvent.click(screen.getByTestId('picker-retry'));
    await screen.findByTestId('picker-item-XM-MT');
    expect(server.requests).toHaveLength(2);
  });

  it('a network failure offers a retry too', async () => {
    // The client's retry backoff (500 + 1,500 ms) on fake timers: jumped over, not waited through.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const { server, container } = mount({}, () => ({ networkError: 'offline' }));
    typeInto(container, 'picker', '美团');
    await waitFor(() => expect(server.requests).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(5_000);
    vi.useRealTimers();
    expect((await screen.findByTestId('picker-error')).textContent).toContain('网络');
  });

  it('a slow answer to an older keyword never replaces the newer list', async () => {
    const slow = deferred<Reply>();
    const { server, container } = mount({}, (q) => (q.q === '思明' ? slow.promise : json(200, { items: [MT] })));
    typeInto(container, 'picker', '思明');
    await waitFor(() => expect(screen.queryByTestId('picker-loading')).toBeTruthy());
    typeInto(container, 'picker', '美团');
    await screen.findByTestId('picker-item-XM-MT');
    slow.resolve(json(200, { items: [SM] }));
    // The old keyword's answer has reached the picker (and been dropped): the list is still the new one.
    await act(() => answerOf(server, (req) => queryOf(req.url).q === '思明'));
    expect(screen.queryByTestId('picker-item-XM-SM')).toBeNull();
    expect(screen.getByTestId('picker-item-XM-MT')).toBeTruthy();
  });

  it('clearing the box goes back to the hint', async () => {
    const { container } = mount();
    typeInto(container, 'picker', '美团');
    await screen.findByTestId('picker-item-XM-MT');
    typeInto(container, 'picker', '  ');
    await waitFor(() => expect(screen.queryByTestId('picker-item-XM-MT')).toBeNull());
    expect(screen.getByText(ORG_PICKER_TEXT.hint)).toBeTruthy();
  });
});
