import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import JoinStatusPage, { STATUS_POLL_MS } from '../src/pages/join/status';
import { fakeServer, json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';

const base = {
  id: 'a1',
  kind: 'join',
  org: { code: 'XM-ELM', name: '饿了么厦门站点联合工会' },
  name: '李明',
  mobileMasked: '138****5678',
  idNumberMasked: '3502**********1234',
  employer: '饿了么',
  occupation: '外卖配送员',
  city: '厦门市',
  transferReason: null,
  submittedAt: '2026-11-23T06:00:00.000Z',
  autoDecided: false,
};
const pending = { ...base, status: 'pending', decidedAt: null, decisionReason: null };
const rejected = { ...base, status: 'rejected', decidedAt: '2026-11-23T06:20:00.000Z', decisionReason: '所填信息与身份证件不一致' };
const approved = { ...base, status: 'approved', decidedAt: '2026-11-23T06:20:00.000Z', decisionReason: null };

afterEach(resetParams);

describe('入会进度', () => {
  it('a rejected application shows 未通过, the org, the submit time and the reason, and offers 重新申请', async () => {
    loggedIn();
    const server = fakeServer(() => json(200, [rejected]));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<JoinStatusPage />);
    expect((await screen.findByTestId('status-label')).textContent).toBe('未通过');
    expect(screen.getByTestId('status-reason').textContent).toContain('所填信息与身份证件不一致');
    expect(screen.getByTestId('status-org').textContent).toBe('饿了么厦门站点联合工会');
    expect(screen.getByTestId('status-submitted-at').textContent).toMatch(/^2026-11-23 \d\d:00$/);
    expect(screen.queryByTestId('status-goto-card')).toBeNull();
    expect(server.to('/api/memberships/applications/mine')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('status-reapply'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/join/index?org=XM-ELM' });
  });

  it('?id= reads that application; while pending it refreshes every 10 s and stops once decided', async () => {
    vi.useFakeTimers();
    loggedIn();
    withParams({ id: 'a1' });
    let answer: unknown = pending;
    const server = fakeServer(() => json(200, answer));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<JoinStatusPage />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('status-label').textContent).toBe('审核中');
    const calls = () => server.to('/api/memberships/applications/a1').length;
    expect(calls()).toBe(1);

    await act(() => vi.advanceTimersByTimeAsync(STATUS_POLL_MS - 100));
    expect(calls()).toBe(1);
    answer = approved;
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(calls()).toBe(2);
    expect(screen.getByTestId('status-label').textContent).toBe('已通过');

    await act(() => vi.advanceTimersByTimeAsync(STATUS_POLL_MS * 3));
    expect(calls()).toBe(2);
    fireEvent.click(screen.getByTestId('status-goto-card'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/card/index' });
  });

  it('no applications yet: says so and offers to join', async () => {
    loggedIn();
    fakeServer(() => json(200, []));
    render(<JoinStatusPage />);
    await screen.findByTestId('status-none');
    await waitFor(() => expect(screen.getByTestId('status-join')).toBeTruthy());
  });
});
