import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES, ID_NUMBER_MESSAGES, MOBILE_MESSAGE } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import JoinPage from '../src/pages/join/index';
import { JOIN_TEXT } from '../src/pages/join/join-form';
import { REQUIRED_MESSAGES } from '../src/pages/join/join-rules';
import { loadDraft } from '../src/services/drafts';
import { errorReply, fakeServer, json, type Route } from './support/fake-server';
import { badChecksumIdNumber, resetParams, typeInto, validIdNumber, withParams } from './support/page';
import { loggedIn } from './support/session';

const MT = { code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true };
const ELM = { code: 'XM-ELM', name: '饿了么厦门站点联合工会', level: 'enterprise', parentName: '思明区莲前街道总工会', autoApprove: false };

const application = (status = 'pending') => ({
  id: 'a1',
  kind: 'join',
  status,
  org: { code: 'XM-ELM', name: ELM.name },
  name: '李明',
  mobileMasked: '138****5678',
  idNumberMasked: '3502**********1234',
  employer: '饿了么',
  occupation: '外卖配送员',
  city: '厦门市',
  transferReason: null,
  submittedAt: '2026-11-23T06:00:00.000Z',
  decidedAt: null,
  autoDecided: false,
  decisionReason: null,
});

function api(routes: Record<string, Route>) {
  return fakeServer((req) => {
    const path = req.url.replace(/\?.*$/, '');
    const match = Object.entries(routes).find(([p]) => path.endsWith(p));
    return match ? match[1](req) : errorReply(404, 'ROUTE_NOT_FOUND', ERROR_MESSAGES.ROUTE_NOT_FOUND);
  });
}

function navigation() {
  return {
    navigate: vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' }),
    redirect: vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' }),
  };
}

async function openJoin(org = ELM, routes: Record<string, Route> = {}) {
  loggedIn();
  withParams({ org: org.code });
  const server = api({ [`/api/orgs/${org.code}`]: () => json(200, org), ...routes });
  const nav = navigation();
  const view = render(<JoinPage />);
  await screen.findByTestId('join-form');
  return { server, nav, container: view.container };
}

function fillValid(container: HTMLElement) {
  typeInto(container, 'join-name', '李明');
  typeInto(container, 'join-mobile', '13812345678');
  typeInto(container, 'join-id-number', validIdNumber(3));
  typeInto(container, 'join-employer', '饿了么');
  fireEvent.click(screen.getByText('外卖配送员'));
}

const errorText = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;

afterEach(resetParams);

describe('join page: org and login', () => {
  it('reads the org from the H5 `org` query and shows its card; auto-approve says so', async () => {
    const { server } = await openJoin(MT);
    expect(server.to('/api/orgs/XM-MT')).toHaveLength(1);
    expect(screen.getByTestId('join-org-name').textContent).toBe(MT.name);
    expect(screen.getByText(`上级：${MT.parentName}`)).toBeTruthy();
    expect(screen.getByTestId('join-org-mode').textContent).toBe('自动审核，提交即发卡');
    expect((screen.getByTestId('join-city').querySelector('input') as HTMLInputElement).value).toBe('厦门市');
  });

  it('reads a WeChat `scene` (URL-encoded) too', async () => {
    loggedIn();
    withParams({ scene: encodeURIComponent('XM-ELM') });
    const server = api({ '/api/orgs/XM-ELM': () => json(200, ELM) });
    render(<JoinPage />);
    await screen.findByTestId('join-form');
    expect(server.to('/api/orgs/XM-ELM')).toHaveLength(1);
  });

  it('without an org: searches by name and picks from the list', async () => {
    loggedIn();
    const server = api({ '/api/orgs': () => json(200, { items: [ELM] }), '/api/orgs/XM-ELM': () => json(200, ELM) });
    const { container } = render(<JoinPage />);
    typeInto(container, 'join-org-picker', '饿了么');
    fireEvent.click(await screen.findByTestId('join-org-picker-item-XM-ELM'));
    expect((await screen.findByTestId('join-org-name')).textContent).toBe(ELM.name);
    const [search] = server.to('/api/orgs');
    expect(new URL(search.url, 'http://x').searchParams.get('q')).toBe('饿了么');
    await screen.findByTestId('join-form');
  });

  it('without an org: a typed code is looked up exactly as typed (codes are case-sensitive); an unknown code says so', async () => {
    loggedIn();
    const notFound = () => errorReply(404, 'ORG_NOT_FOUND', ERROR_MESSAGES.ORG_NOT_FOUND);
    const server = api({ '/api/orgs/XM-ELM': () => json(200, ELM), '/api/orgs/xm-elm': notFound, '/api/orgs/NOPE': notFound });
    const { container } = render(<JoinPage />);
    typeInto(container, 'join-org-code', 'NOPE');
    fireEvent.click(screen.getByTestId('join-org-find'));
    expect(await screen.findByText(ERROR_MESSAGES.ORG_NOT_FOUND)).toBeTruthy();
    typeInto(container, 'join-org-code', ' xm-elm ');
    fireEvent.click(screen.getByTestId('join-org-find'));
    await waitFor(() => expect(server.to('/api/orgs/xm-elm')).toHaveLength(1));
    expect(server.to('/api/orgs/XM-ELM')).toHaveLength(0);
    expect(await screen.findByText(ERROR_MESSAGES.ORG_NOT_FOUND)).toBeTruthy();
    typeInto(container, 'join-org-code', 'XM-ELM');
    fireEvent.click(screen.getByTestId('join-org-find'));
    expect((await screen.findByTestId('join-org-name')).textContent).toBe(ELM.name);
  });

  it('not logged in: goes to login first, and offers 登录 when the user comes back without logging in', async () => {
    withParams({ org: 'XM-ELM' });
    api({ '/api/orgs/XM-ELM': () => json(200, ELM) });
    const { navigate } = navigation();
    render(<JoinPage />);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
    await screen.findByTestId('join-login-needed');
    expect(screen.queryByTestId('join-form')).toBeNull();
  });
});

describe('join page: validation with the shared rules', () => {
  it('a complete ID number with a wrong check character shows the shared checksum message as you type', async () => {
    const { container } = await openJoin();
    typeInto(container, 'join-id-number', validIdNumber(5).slice(0, 10));
    expect(errorText('join-id-number')).toBeNull(); // not judged while typing
    typeInto(container, 'join-id-number', badChecksumIdNumber(5));
    await waitFor(() => expect(errorText('join-id-number')).toBe(ID_NUMBER_MESSAGES.checksum));
    typeInto(container, 'join-id-number', validIdNumber(5));
    await waitFor(() => expect(errorText('join-id-number')).toBeNull());
  });

  it('an impossible birth date and a bad region get their own shared messages', async () => {
    const { container } = await openJoin();
    typeInto(container, 'join-id-number', '350203199013011234');
    await waitFor(() => expect(errorText('join-id-number')).toBe(ID_NUMBER_MESSAGES.birthdate));
    typeInto(container, 'join-id-number', '990203199001011234');
    await waitFor(() => expect(errorText('join-id-number')).toBe(ID_NUMBER_MESSAGES.region));
  });

  it('a bad mobile shows MOBILE_MESSAGE', async () => {
    const { container } = await openJoin();
    typeInto(container, 'join-mobile', '12812345678');
    await waitFor(() => expect(errorText('join-mobile')).toBe(MOBILE_MESSAGE));
  });

  it('consent is required: nothing is sent until it is ticked', async () => {
    const { container, server } = await openJoin(ELM, { '/api/memberships/applications': () => json(201, { application: application(), card: null }) });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(errorText('join-consent')).toBe(REQUIRED_MESSAGES.consent));
    expect(screen.getByTestId('join-error').textContent).toContain(JOIN_TEXT.fixFields);
    expect(server.to('/api/memberships/applications')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('join-consent-box'));
    await waitFor(() => expect(errorText('join-consent')).toBeNull());
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(server.to('/api/memberships/applications')).toHaveLength(1));
  });

  it('an empty form shows every required message on submit', async () => {
    const { server } = await openJoin();
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(errorText('join-name')).toBe(REQUIRED_MESSAGES.name));
    expect(errorText('join-mobile')).toBe(REQUIRED_MESSAGES.mobile);
    expect(errorText('join-id-number')).toBe(REQUIRED_MESSAGES.idNumber);
    expect(errorText('join-employer')).toBe(REQUIRED_MESSAGES.employer);
    expect(errorText('join-occupation')).toBe(REQUIRED_MESSAGES.occupation);
    expect(errorText('join-city')).toBeNull(); // 厦门市 by default
    expect(server.to('/api/memberships/applications')).toHaveLength(0);
  });
});

describe('join page: submitting', () => {
  it('sends the normalised body with an Idempotency-Key; an auto-approved join goes to the card', async () => {
    const card = { memberNo: 'XM2026000001', nameMasked: '李*', org: { code: 'XM-MT', name: MT.name }, since: '2026-11-23T06:00:00.000Z', status: 'active', token: 'x'.repeat(40), tokenExpiresAt: '2026-11-23T06:05:00.000Z' };
    const { container, server, nav } = await openJoin(MT, { '/api/memberships/applications': () => json(201, { application: { ...application('approved'), org: { code: 'XM-MT', name: MT.name } }, card }) });
    fillValid(container);
    typeInto(container, 'join-mobile', '138 1234 5678');
    typeInto(container, 'join-id-number', validIdNumber(3).toLowerCase());
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/card/index' }));
    const [req] = server.to('/api/memberships/applications');
    expect(req.method).toBe('POST');
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.data).toEqual({ orgCode: 'XM-MT', name: '李明', mobile: '13812345678', idNumber: validIdNumber(3), employer: '饿了么', occupation: '外卖配送员', city: '厦门市', consent: true });
    expect(loadDraft('join')).toBeNull();
  });

  it('a join waiting for review goes to its status page', async () => {
    const { container, nav } = await openJoin(ELM, { '/api/memberships/applications': () => json(201, { application: application(), card: null }) });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a1' }));
  });

  it('server field errors appear under their fields and clear when the field is edited', async () => {
    const { container } = await openJoin(ELM, {
      '/api/memberships/applications': () =>
        errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [
          { field: 'name', message: '请填写与身份证一致的姓名' },
          { field: 'employer', message: '工作单位或平台应为 1–100 个字' },
        ]),
    });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(errorText('join-name')).toBe('请填写与身份证一致的姓名'));
    expect(errorText('join-employer')).toBe('工作单位或平台应为 1–100 个字');
    expect(screen.getByTestId('join-error').textContent).toContain(ERROR_MESSAGES.VALIDATION_FAILED);
    typeInto(container, 'join-name', '李明明');
    await waitFor(() => expect(errorText('join-name')).toBeNull());
    expect(errorText('join-employer')).toBe('工作单位或平台应为 1–100 个字');
    // A definite refusal: the ID number and mobile do not stay in storage.
    const draft = loadDraft<Record<string, unknown>>('join');
    expect(draft?.data.idNumber).toBeUndefined();
    expect(draft?.data.mobile).toBeUndefined();
    expect(draft?.data.name).toBe('李明明');
  });

  it('ALREADY_MEMBER: the server message with a button to the card', async () => {
    const message = '你已是「美团厦门骑手联合工会」会员，如需更换所在工会请在「我的 → 会员卡」办理会员转移';
    const { container, nav } = await openJoin(ELM, { '/api/memberships/applications': () => errorReply(409, 'ALREADY_MEMBER', message) });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(screen.getByTestId('join-error').textContent).toContain(message));
    fireEvent.click(screen.getByTestId('join-goto-card'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/card/index' });
    expect(screen.queryByTestId('join-goto-status')).toBeNull();
  });

  it('APPLICATION_PENDING: the message with a button to the status page', async () => {
    const { container, nav } = await openJoin(ELM, { '/api/memberships/applications': () => errorReply(409, 'APPLICATION_PENDING', ERROR_MESSAGES.APPLICATION_PENDING) });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(screen.getByTestId('join-error').textContent).toContain(ERROR_MESSAGES.APPLICATION_PENDING));
    fireEvent.click(screen.getByTestId('join-goto-status'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/pages/join/status' });
  });

  it('a network failure keeps the whole draft; 重新提交 reuses the Idempotency-Key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let calls = 0;
    const { container, server, nav } = await openJoin(ELM, {
      '/api/memberships/applications': () => (++calls <= 3 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(201, { application: application(), card: null })),
    });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    // The client retries twice by itself (500 ms, 1500 ms), then gives up.
    await act(() => vi.advanceTimersByTimeAsync(3000));
    await waitFor(() => expect(screen.getByTestId('join-submit').textContent).toBe(JOIN_TEXT.resubmit));
    expect(screen.getByTestId('join-error').textContent).toContain(JOIN_TEXT.retryNotice);
    const draft = loadDraft<Record<string, unknown>>('join');
    expect(draft?.data.idNumber).toBe(validIdNumber(3));
    expect(draft?.lastError?.retryable).toBe(true);

    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a1' }));
    const keys = new Set(server.to('/api/memberships/applications').map((r) => r.header['Idempotency-Key']));
    expect(keys.size).toBe(1);
    expect(loadDraft('join')).toBeNull();
  });

  it('keeps name, employer, occupation and city as a draft while typing, never the ID number or mobile', async () => {
    const { container } = await openJoin();
    fillValid(container);
    const draft = loadDraft<Record<string, unknown>>('join');
    expect(draft?.data).toEqual({ orgCode: 'XM-ELM', name: '李明', employer: '饿了么', occupation: '外卖配送员', city: '厦门市' });
    expect(JSON.stringify(localStorage)).not.toContain('13812345678');
    expect(JSON.stringify(localStorage)).not.toContain(validIdNumber(3));
  });
});

describe('join page: results never off-screen', () => {
  /** The element the form last asked pageScrollTo to bring into view (as H5 finds it: the first match). */
  async function scrolledTo(scroll: { mock: { calls: [Taro.pageScrollTo.Option][] } }, times: number): Promise<Element> {
    await waitFor(() => expect(scroll.mock.calls).toHaveLength(times));
    const { selector } = scroll.mock.calls.at(-1)![0];
    const el = document.querySelector(selector ?? '');
    if (!el) throw new Error(`nothing matches ${selector}`);
    return el;
  }

  it('a failed submit scrolls to the first field error (the consent box when only it is missing, the notice when no field is named); success toasts', async () => {
    // jsdom does not scroll: record where the form asked to go.
    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const toast = vi.spyOn(Taro, 'showToast');
    let calls = 0;
    const { container, nav } = await openJoin(ELM, {
      '/api/memberships/applications': () => {
        calls += 1;
        if (calls === 1) return errorReply(400, 'VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, [{ field: 'employer', message: '工作单位或平台应为 1–100 个字' }]);
        if (calls === 2) return errorReply(409, 'APPLICATION_PENDING', ERROR_MESSAGES.APPLICATION_PENDING);
        return json(201, { application: application(), card: null });
      },
    });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await scrolledTo(scroll, 1)).getAttribute('data-testid')).toBe('join-name');

    fillValid(container);
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await scrolledTo(scroll, 2)).getAttribute('data-testid')).toBe('join-consent-error');

    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await scrolledTo(scroll, 3)).getAttribute('data-testid')).toBe('join-employer');

    typeInto(container, 'join-employer', '饿了么厦门');
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await scrolledTo(scroll, 4)).getAttribute('data-testid')).toBe('join-error');
    expect(toast).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a1' }));
    expect(toast.mock.calls.map(([o]) => o?.title)).toEqual([JOIN_TEXT.appliedToast]);
  });

  it('an auto-approved join toasts 已入会', async () => {
    const toast = vi.spyOn(Taro, 'showToast');
    const card = { memberNo: 'XM2026000001', nameMasked: '李*', org: { code: 'XM-MT', name: MT.name }, since: '2026-11-23T06:00:00.000Z', status: 'active', token: 'x'.repeat(40), tokenExpiresAt: '2026-11-23T06:05:00.000Z' };
    const { container, nav } = await openJoin(MT, { '/api/memberships/applications': () => json(201, { application: { ...application('approved'), org: { code: 'XM-MT', name: MT.name } }, card }) });
    fillValid(container);
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/card/index' }));
    expect(toast.mock.calls.map(([o]) => o?.title)).toEqual([JOIN_TEXT.joinedToast]);
    expect(toast.mock.calls[0][0]).toMatchObject({ icon: 'success' });
  });
});
