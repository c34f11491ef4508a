import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES, MOBILE_MESSAGE } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import LoginPage from '../src/pages/login/index';
import { CLIENT_ERROR_MESSAGES } from '../src/services/http';
import { getAccessToken, getRefreshToken, getStoredUser } from '../src/services/session';
import { errorReply, fakeServer, json, type Route } from './support/fake-server';
import { tokens, worker } from './support/session';

const mobileInput = () => screen.getByPlaceholderText('请输入手机号') as HTMLInputElement;
const codeInput = () => screen.getByPlaceholderText('请输入 6 位验证码') as HTMLInputElement;
const type = (input: HTMLInputElement, value: string) => fireEvent.input(input, { target: { value } });
const sendButton = () => screen.getByTestId('login-send-code');
const submitButton = () => screen.getByTestId('login-submit');
// NutUI marks a disabled button with a class and swallows its clicks.
const isDisabled = (el: HTMLElement) => el.classList.contains('nut-button-disabled');
const flush = () => act(() => vi.advanceTimersByTimeAsync(0));

/** A scripted API: the given routes, and 404 for everything else. */
function api(routes: Record<string, Route> = {}) {
  return fakeServer((req) => {
    const path = req.url.replace(/\?.*$/, '');
    const match = Object.entries(routes).find(([p]) => path.endsWith(p));
    return match ? match[1](req) : errorReply(404, 'ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND);
  });
}

/** Navigation after login is the page's business; observe it without leaving the test page. */
function watchNavigation(stackDepth = 2) {
  vi.spyOn(Taro, 'getCurrentPages').mockReturnValue(Array.from({ length: stackDepth }, () => ({})) as ReturnType<typeof Taro.getCurrentPages>);
  return {
    back: vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' }),
    switchTab: vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' }),
  };
}

describe('login page (H5): mobile field', () => {
  it('shows the shared MOBILE_MESSAGE for an invalid mobile as you type, and clears it once valid', async () => {
    api();
    render(<LoginPage />);
    type(mobileInput(), '1380013');
    expect(screen.queryByText(MOBILE_MESSAGE)).toBeNull(); // not judged while the digits are still going in
    type(mobileInput(), '12800138000');
    expect(await screen.findByText(MOBILE_MESSAGE)).toBeTruthy();
    expect(isDisabled(sendButton())).toBe(true);

    type(mobileInput(), '13800138000');
    await waitFor(() => expect(screen.queryByText(MOBILE_MESSAGE)).toBeNull());
    expect(isDisabled(sendButton())).toBe(false);
  });

  it('judges a short number once the field is left', async () => {
    api();
    render(<LoginPage />);
    type(mobileInput(), '138');
    fireEvent.blur(mobileInput());
    expect(await screen.findByText(MOBILE_MESSAGE)).toBeTruthy();
  });

  it('sends nothing while the mobile is invalid', async () => {
    const server = api();
    render(<LoginPage />);
    type(mobileInput(), '12345');
    fireEvent.click(sendButton());
    await waitFor(() => expect(server.to('/api/auth/demo-users')).toHaveLength(1));
    expect(server.to('/api/auth/sms/send')).toHaveLength(0);
  });
});

describe('login page (H5): SMS code', () => {
  it('sends the normalised mobile, then disables the send button for the server cooldown, counting down', async () => {
    vi.useFakeTimers();
    const server = api({ '/api/auth/sms/send': () => json(200, { cooldownSeconds: 60 }) });
    render(<LoginPage />);
    type(mobileInput(), '+86 138 0013 8000');
    fireEvent.click(sendButton());
    await flush();

    expect(server.to('/api/auth/sms/send')[0].data).toEqual({ mobile: '13800138000' });
    expect(screen.getByText('验证码已发送，请查看短信')).toBeTruthy();
    expect(sendButton().textContent).toBe('60 秒后重发');
    expect(isDisabled(sendButton())).toBe(true);

    fireEvent.click(sendButton()); // a tap during the countdown does nothing
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(sendButton().textContent).toBe('59 秒后重发');
    expect(server.to('/api/auth/sms/send')).toHaveLength(1);

    await act(() => vi.advanceTimersByTimeAsync(59_000));
    expect(sendButton().textContent).toBe('获取验证码');
    expect(isDisabled(sendButton())).toBe(false);
  });

  it("shows the server's message when sending is refused", async () => {
    api({ '/api/auth/sms/send': () => errorReply(429, 'SMS_DAILY_LIMIT', ERROR_MESSAGES.SMS_DAILY_LIMIT) });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    fireEvent.click(sendButton());
    expect((await screen.findByTestId('login-error')).textContent).toBe(ERROR_MESSAGES.SMS_DAILY_LIMIT);
    expect(sendButton().textContent).toBe('获取验证码');
  });

  it('says so in Chinese when the network is down', async () => {
    api({ '/api/auth/sms/send': () => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }) });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    fireEvent.click(sendButton());
    expect((await screen.findByTestId('login-error')).textContent).toBe(CLIENT_ERROR_MESSAGES.NETWORK_ERROR);
  });
});

describe('login page (H5): verify', () => {
  it('shows the server error message, e.g. SMS_LOCKED, and stays logged out', async () => {
    const locked = '验证码错误次数过多，请重新获取验证码';
    const server = api({ '/api/auth/sms/verify': () => errorReply(429, 'SMS_LOCKED', locked) });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    expect(isDisabled(submitButton())).toBe(true);
    type(codeInput(), '123456');
    expect(isDisabled(submitButton())).toBe(false);
    fireEvent.click(submitButton());

    expect((await screen.findByTestId('login-error')).textContent).toBe(locked);
    expect(server.to('/api/auth/sms/verify')[0].data).toEqual({ mobile: '13800138000', code: '123456' });
    expect(getAccessToken()).toBeNull();
  });

  it("puts the server's field errors under their fields", async () => {
    api({
      '/api/auth/sms/verify': () =>
        errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'code', message: '验证码不正确，请重新输入' }]),
    });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    type(codeInput(), '000000');
    fireEvent.click(submitButton());
    expect((await screen.findByTestId('login-code-error')).textContent).toBe('验证码不正确，请重新输入');
    expect(screen.getByTestId('login-error').textContent).toBe(ERROR_MESSAGES.VALIDATION_FAILED);
  });

  it('a message that is also the field error is said once, under the field (请先获取验证码)', async () => {
    api({
      '/api/auth/sms/verify': () => errorReply(400, 'SMS_CODE_EXPIRED', '请先获取验证码', [{ field: 'code', message: '请先获取验证码' }]),
    });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    type(codeInput(), '000000');
    fireEvent.click(submitButton());
    expect((await screen.findByTestId('login-code-error')).textContent).toBe('请先获取验证码');
    expect(screen.queryByTestId('login-error')).toBeNull();
    expect(screen.getAllByText('请先获取验证码')).toHaveLength(1);
  });

  it('stores the tokens and leaves the page after a correct code', async () => {
    const nav = watchNavigation();
    api({ '/api/auth/sms/verify': () => json(200, tokens(1)) });
    render(<LoginPage />);
    type(mobileInput(), '13800138000');
    type(codeInput(), '246810');
    fireEvent.click(submitButton());

    await waitFor(() => expect(nav.back).toHaveBeenCalledTimes(1));
    expect(nav.switchTab).not.toHaveBeenCalled();
    expect(getAccessToken()).toBe('access-1');
    expect(getRefreshToken()).toBe('refresh-1');
    expect(getStoredUser()).toEqual(worker);
  });
});

describe('login page (H5): demo users', () => {
  it('hides the demo section when the server lists none (production answers [])', async () => {
    const server = api({ '/api/auth/demo-users': () => json(200, []) });
    render(<LoginPage />);
    await waitFor(() => expect(server.to('/api/auth/demo-users')).toHaveLength(1));
    await act(() => Promise.resolve());
    expect(screen.queryByTestId('login-demo-users')).toBeNull();
  });

  it('lists the demo users with their role labels; tapping one logs in as that user', async () => {
    const nav = watchNavigation(1); // opened directly: lands on 我的
    const officer = { ...worker, id: 'u2', roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'SM', orgName: '思明区总工会' }] };
    const server = api({
      '/api/auth/demo-users': () =>
        json(200, [
          { openid: 'demo-worker', label: '骑手小王', roles: ['worker'] },
          { openid: 'demo-officer', label: '思明区工会干部', roles: ['officer', 'worker'] },
          { openid: 'demo-rider', label: '骑手 小李（职工）', roles: ['worker'] },
          { openid: 'demo-master', label: '中山路工会驿站 站长', roles: ['station_master'] },
        ]),
      '/api/auth/dev': () => json(200, tokens(7, officer)),
    });
    render(<LoginPage />);

    // A role the label already names is not repeated.
    const button = await screen.findByText('思明区工会干部（职工）');
    expect(screen.getByText('骑手小王（职工）')).toBeTruthy();
    expect(screen.getByText('骑手 小李（职工）')).toBeTruthy();
    expect(screen.getByText('中山路工会驿站 站长')).toBeTruthy();
    fireEvent.click(button);

    await waitFor(() => expect(getAccessToken()).toBe('access-7'));
    expect(server.to('/api/auth/dev')[0].data).toEqual({ openid: 'demo-officer' });
    expect(getStoredUser()).toEqual(officer);
    await waitFor(() => expect(nav.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
    expect(nav.back).not.toHaveBeenCalled();
  });
  it('gathers grouped demo users (the six catch-all officers) under their heading as short buttons named in full for screen readers', async () => {
    const group = '各区新就业形态劳动者联合工会 干部';
    const catchAll = (code: string, name: string) => ({ openid: `demo-officer-${code}-xjy`, label: `${name}新就业形态劳动者联合工会 干部`, roles: ['officer'], orgCode: `XM-${code.toUpperCase()}-XJY`, group, short: name });
    const officer = { ...worker, id: 'u3', roles: [{ role: 'officer' as const, orgId: 'o2', orgCode: 'XM-HL-XJY', orgName: '湖里区新就业形态劳动者联合工会' }] };
    const server = api({
      '/api/auth/demo-users': () =>
        json(200, [
          { openid: 'demo-officer-sm', label: '思明区总工会 干部', roles: ['officer'], orgCode: 'XM-SM', group: null, short: null },
          catchAll('sm', '思明区'),
          catchAll('hl', '湖里区'),
        ]),
      '/api/auth/dev': () => json(200, tokens(8, officer)),
    });
    watchNavigation(1);
    render(<LoginPage />);

    const heading = await screen.findByText(group);
    const section = heading.closest('[data-testid=login-demo-group]') as HTMLElement;
    expect([...section.querySelectorAll('.login-panel__demo-chip')].map((b) => b.textContent)).toEqual(['思明区', '湖里区']);
    // The main roles stay full-width buttons above, not inside the group.
    expect(screen.getByText('思明区总工会 干部').closest('[data-testid=login-demo-group]')).toBeNull();
    const hl = screen.getByText('湖里区').closest('.login-panel__demo-chip') as HTMLElement;
    expect(hl.getAttribute('aria-label')).toBe('湖里区新就业形态劳动者联合工会 干部');
    fireEvent.click(hl);
    await waitFor(() => expect(getAccessToken()).toBe('access-8'));
    expect(server.to('/api/auth/dev')[0].data).toEqual({ openid: 'demo-officer-hl-xjy' });
  });
});
