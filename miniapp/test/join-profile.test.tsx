import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import JoinPage from '../src/pages/join/index';
import { JOIN_TEXT } from '../src/pages/join/join-form';
import { loadDraft } from '../src/services/drafts';
import { errorReply, fakeServer, json, type Route } from './support/fake-server';
import { resetParams, typeInto, validIdNumber, withParams } from './support/page';
import { loggedIn } from './support/session';

const SF = { code: 'XM-SF', name: '顺丰速运厦门分公司工会', level: 'enterprise', parentName: '湖里区禾山街道总工会', autoApprove: false };

const SAVED = {
  nameMasked: '陈**',
  mobileMasked: '138****5678',
  mobileSource: 'application',
  idNumberMasked: '3502**********123X',
  employer: '饿了么',
  occupation: '外卖配送员',
  city: '泉州市',
  savedAt: '2026-11-20T06:00:00.000Z',
};
const NONE = { nameMasked: null, mobileMasked: null, mobileSource: null, idNumberMasked: null, employer: null, occupation: null, city: null, savedAt: null };

const pending = {
  id: 'a2',
  kind: 'join',
  status: 'pending',
  org: { code: SF.code, name: SF.name },
  name: '陈晓东',
  mobileMasked: '138****5678',
  idNumberMasked: '3502**********123X',
  employer: '饿了么',
  occupation: '外卖配送员',
  city: '泉州市',
  transferReason: null,
  submittedAt: '2026-11-23T06:00:00.000Z',
  decidedAt: null,
  autoDecided: false,
  decisionReason: null,
};

async function openJoin(profile: Route, apply: Route = () => json(201, { application: pending, card: null })) {
  loggedIn();
  withParams({ org: SF.code });
  const routes: Record<string, Route> = { '/api/orgs/XM-SF': () => json(200, SF), '/api/memberships/profile': profile, '/api/memberships/applications': apply };
  const server = fakeServer((req) => {
    const path = req.url.replace(/\?.*$/, '');
    const match = Object.entries(routes).find(([p]) => path.endsWith(p));
    return match ? match[1](req) : errorReply(404, 'ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND);
  });
  const redirect = vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  const view = render(<JoinPage />);
  await screen.findByTestId('join-form');
  return { server, redirect, container: view.container };
}

const inputValue = (testId: string) => (screen.getByTestId(testId).querySelector('input') as HTMLInputElement).value;
const submitted = (server: ReturnType<typeof fakeServer>) => server.to('/api/memberships/applications').map((r) => r.data);

afterEach(resetParams);

describe('join page: the saved identity from the last application', () => {
  it('shows name, mobile and ID number masked instead of inputs and prefills the rest: consent + submit is all it takes', async () => {
    const { server, redirect } = await openJoin(() => json(200, SAVED));
    expect(server.to('/api/memberships/profile')).toHaveLength(1);
    const saved = screen.getByTestId('join-saved');
    expect(screen.getByTestId('join-saved-name').textContent).toContain('陈**');
    expect(screen.getByTestId('join-saved-mobile').textContent).toContain('138****5678');
    expect(screen.getByTestId('join-saved-idNumber').textContent).toContain('3502**********123X');
    expect(saved.textContent).toContain(JOIN_TEXT.savedEdit);
    for (const id of ['join-name', 'join-mobile', 'join-id-number']) expect(screen.queryByTestId(id)).toBeNull();
    expect(inputValue('join-employer')).toBe('饿了么');
    expect(inputValue('join-city')).toBe('泉州市');
    expect(screen.getByText('外卖配送员').closest('[role=radio]')?.className).toContain('choice-chips__chip--selected');

    // The two taps
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a2' }));
    expect(submitted(server)).toEqual([{ orgCode: 'XM-SF', useSavedIdentity: true, employer: '饿了么', occupation: '外卖配送员', city: '泉州市', consent: true }]);
  });

  it('修改 brings back empty inputs; the typed identity is sent and the saved one is not used', async () => {
    const { server, container } = await openJoin(() => json(200, SAVED));
    fireEvent.click(screen.getByTestId('join-saved-edit'));
    expect(screen.queryByTestId('join-saved')).toBeNull();
    expect(inputValue('join-name')).toBe('');
    expect(inputValue('join-id-number')).toBe('');
    typeInto(container, 'join-name', '陈晓东');
    typeInto(container, 'join-mobile', '13912345678');
    typeInto(container, 'join-id-number', validIdNumber(8));
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(submitted(server)).toHaveLength(1));
    expect(submitted(server)[0]).toEqual({
      orgCode: 'XM-SF',
      name: '陈晓东',
      mobile: '13912345678',
      idNumber: validIdNumber(8),
      employer: '饿了么',
      occupation: '外卖配送员',
      city: '泉州市',
      consent: true,
    });
  });

  it('only the SMS-login mobile saved: it is shown masked, name and ID number are typed', async () => {
    const { server, container } = await openJoin(() => json(200, { ...NONE, mobileMasked: '138****0001', mobileSource: 'login' }));
    expect(screen.getByTestId('join-saved-mobile').textContent).toContain('138****0001');
    expect(screen.getByTestId('join-saved').textContent).toContain(JOIN_TEXT.savedLoginMobile);
    expect(screen.queryByTestId('join-mobile')).toBeNull();
    expect(inputValue('join-city')).toBe('厦门市');
    typeInto(container, 'join-name', '林一');
    typeInto(container, 'join-id-number', validIdNumber(9));
    typeInto(container, 'join-employer', '顺丰');
    fireEvent.click(screen.getByText('快递员'));
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(submitted(server)).toHaveLength(1));
    expect(submitted(server)[0]).toEqual({ orgCode: 'XM-SF', name: '林一', idNumber: validIdNumber(9), useSavedIdentity: true, employer: '顺丰', occupation: '快递员', city: '厦门市', consent: true });
  });

  it('nothing saved: the ordinary empty form', async () => {
    await openJoin(() => json(200, NONE));
    expect(screen.queryByTestId('join-saved')).toBeNull();
    expect(inputValue('join-name')).toBe('');
    expect(inputValue('join-employer')).toBe('');
  });

  it('a failed profile read does not block joining', async () => {
    await openJoin(() => errorReply(500, 'INTERNAL', '服务器开小差了'));
    expect(screen.queryByTestId('join-saved')).toBeNull();
    expect(screen.getByTestId('join-name')).toBeTruthy();
  });

  it('when the server no longer holds a saved field, its inputs come back with the server message', async () => {
    const { container } = await openJoin(
      () => json(200, SAVED),
      () => errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'idNumber', message: '没有已保存的身份证号，请填写身份证号' }]),
    );
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(screen.queryByTestId('join-saved')).toBeNull());
    expect(screen.getByTestId('join-id-number-error').textContent).toBe('没有已保存的身份证号，请填写身份证号');
    expect(container.querySelector('[data-testid=join-name] input')).toBeTruthy();
  });

  it('a network failure with the saved identity keeps no identity in storage and 重新提交 sends the same body and key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    const { server, redirect } = await openJoin(
      () => json(200, SAVED),
      () => (++calls <= 3 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(201, { application: pending, card: null })),
    );
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(screen.getByTestId('join-submit').textContent).toBe(JOIN_TEXT.resubmit));
    expect(loadDraft<Record<string, unknown>>('join')?.data).toEqual({ orgCode: 'XM-SF', useSavedIdentity: true, employer: '饿了么', occupation: '外卖配送员', city: '泉州市', consent: true });
    // The whole stored draft except its random key and its timestamp (either may contain "138" by chance).
    const { idempotencyKey: _key, savedAt: _at, ...stored } = loadDraft('join') ?? {};
    expect(JSON.stringify(stored)).not.toMatch(/138|3502|陈/);
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a2' }));
    const sent = server.to('/api/memberships/applications');
    expect(new Set(sent.map((r) => r.header['Idempotency-Key'])).size).toBe(1);
    expect(new Set(sent.map((r) => JSON.stringify(r.data))).size).toBe(1);
  });
});
