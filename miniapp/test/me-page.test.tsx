import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import MePage from '../src/pages/me/index';
import { logout } from '../src/services/auth';
import { saveDraft, loadDraft } from '../src/services/drafts';
import { getRefreshToken } from '../src/services/session';
import { fakeServer } from './support/fake-server';
import { loggedIn, worker } from './support/session';

const officer = {
  id: 'u2',
  nickname: '陈干事',
  mobileMasked: '139****0001',
  roles: [
    { role: 'officer' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' },
    { role: 'worker' as const, orgId: null, orgCode: null, orgName: null },
  ],
};

describe('我的 page', () => {
  it('logged out: offers a big 登录 button that opens the login page', () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<MePage />);
    expect(screen.getByText('你还没有登录')).toBeTruthy();
    expect(screen.queryByTestId('me-workbench')).toBeNull();
    expect(screen.getByTestId('me-join')).toBeTruthy();
    expect(screen.queryByTestId('me-join-status')).toBeNull();
    fireEvent.click(screen.getByTestId('me-login'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('a worker sees the masked mobile and role, the privacy entry, and no 工作台', () => {
    loggedIn(worker);
    render(<MePage />);
    expect(screen.getByTestId('me-name').textContent).toBe('138****5678');
    expect(screen.getByTestId('me-roles').textContent).toBe('职工');
    expect(screen.getByText('隐私政策')).toBeTruthy();
    expect(screen.queryByText('工作台')).toBeNull();
    expect(screen.getByText('退出登录')).toBeTruthy();
  });

  it('staff see their role labels with org names and the 工作台 entry into the staff subpackage', () => {
    loggedIn(officer);
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<MePage />);
    expect(screen.getByText('工会干部 · 思明区总工会')).toBeTruthy();
    expect(screen.getByText('职工')).toBeTruthy();
    fireEvent.click(screen.getByTestId('me-workbench'));
    expect(navigate).toHaveBeenCalledWith({ url: '/staff/pages/home/index' });
  });

  it('退出登录 after confirming: the server is told, tokens go, and the page shows 登录 again', async () => {
    loggedIn(worker);
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const server = fakeServer(() => ({ status: 204 }));
    render(<MePage />);
    fireEvent.click(screen.getByTestId('me-logout'));
    await waitFor(() => expect(screen.getByTestId('me-login')).toBeTruthy());
    expect(server.to('/api/auth/logout')[0].data).toEqual({ refreshToken: 'refresh-1' });
    expect(getRefreshToken()).toBeNull();
  });
});

describe('我的: scan to join entries', () => {
  it('a worker gets 加入工会 and 入会进度, one tap each', () => {
    loggedIn(worker);
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<MePage />);
    fireEvent.click(screen.getByTestId('me-join'));
    fireEvent.click(screen.getByTestId('me-join-status'));
    expect(navigate.mock.calls.map(([o]) => o.url)).toEqual(['/pages/join/index', '/pages/join/status']);
  });
});

describe('logout', () => {
  it('clears tokens and saved drafts even when the server cannot be reached', async () => {
    loggedIn(worker);
    saveDraft('join', { name: '王小明', idNumber: '350203199001011234' });
    fakeServer(() => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }));
    await act(() => logout());
    expect(getRefreshToken()).toBeNull();
    expect(loadDraft('join')).toBeNull();
  });
});
