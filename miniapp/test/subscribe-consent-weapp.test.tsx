import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimsApi, makeClaim, navigation } from './claims-fixtures';
import { detail, event } from './station-fixtures';
import { answerOf, deferred, json, type Route } from './support/fake-server';
import { resetParams, typeInto, validIdNumber, withParams } from './support/page';
import { loggedIn } from './support/session';

// The weapp build links subscribe-consent.weapp.ts; tests otherwise resolve the .h5 file (a no-op).
vi.mock('../src/utils/subscribe-consent', async () => await import('../src/utils/subscribe-consent.weapp'));

const { default: NewClaimPage } = await import('../src/pages/claims/new');
const { default: JoinPage } = await import('../src/pages/join/index');
const { default: StationDetailPage } = await import('../src/pages/station/detail');

const TEMPLATES = { enabled: true, moments: { claim: ['T-claim-accepted', 'T-claim-replied'], join: ['T-join'], event: ['T-event'] } };
const created = makeClaim({ id: 'c42' });

// WeChat's own API (the edge), which Taro's H5 runtime does not have: a stand-in records each call.
const taro = Taro as unknown as Record<string, unknown>;
/** How many of the user's own POSTs (claim, application, sign-up) had gone out at each ask. */
let postedWhenAsked: number[];
let requestSubscribeMessage: ReturnType<typeof vi.fn>;
let server: ReturnType<typeof claimsApi>;

function answerWith(answer: () => Promise<unknown>) {
  requestSubscribeMessage = vi.fn(() => {
    // Still inside the tap: nothing may have been awaited, so the user's own request is not sent yet.
    postedWhenAsked.push(server.requests.filter((r) => r.method === 'POST' && !r.url.includes('/api/notifications/')).length);
    return answer();
  });
  taro.requestSubscribeMessage = requestSubscribeMessage;
}

beforeEach(() => {
  postedWhenAsked = [];
});
afterEach(() => {
  delete taro.requestSubscribeMessage;
  resetParams();
});

async function openForm(templates: unknown, routes: Record<string, Route> = {}) {
  loggedIn();
  server = claimsApi({
    '/api/claims': () => json(201, created),
    '/api/notifications/templates': () => json(200, templates),
    '/api/notifications/subscriptions': () => json(200, { credits: {} }),
    ...routes,
  });
  const nav = navigation();
  const view = render(<NewClaimPage />);
  await screen.findByTestId('claim-form');
  // The ids arrive with the page, well before the tap.
  await waitFor(() => expect(server.to('/api/notifications/templates')).toHaveLength(1));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  fireEvent.click(screen.getByText('欠薪'));
  typeInto(view.container, 'claim-description', '十月份工资 3500 元至今未发放，站长说平台没结算。');
  const noUnion = screen.queryByTestId('claim-employer-no-union');
  if (noUnion) fireEvent.click(noUnion);
  typeInto(view.container, 'claim-employer-name', '某某配送站');
  return nav;
}

const reports = () => server.to('/api/notifications/subscriptions');

describe('WeChat subscribe consent when filing a claim (weapp)', () => {
  it('the tap asks for exactly the claim templates before anything is awaited, then files the claim and reports each answer', async () => {
    answerWith(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'T-claim-accepted': 'accept', 'T-claim-replied': 'reject' }));
    const nav = await openForm(TEMPLATES);
    fireEvent.click(screen.getByTestId('claim-submit'));
    // Synchronously, within the click.
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['T-claim-accepted', 'T-claim-replied'] });
    expect(postedWhenAsked).toEqual([0]);

    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    expect(server.to('/api/claims')).toHaveLength(1);
    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0].method).toBe('POST');
    expect(reports()[0].data).toEqual({ results: { 'T-claim-accepted': 'accept', 'T-claim-replied': 'reject' } });
    expect(reports()[0].header.Authorization).toBe('Bearer access-1');
    // The template ids need no login.
    expect(server.to('/api/notifications/templates')[0].header.Authorization).toBeUndefined();
  });

  it('the user refusing still files the claim (the refusal is reported); the page leaves only once the dialog is answered', async () => {
    const answer = deferred<unknown>();
    answerWith(() => answer.promise);
    const nav = await openForm(TEMPLATES);
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(server.to('/api/claims')).toHaveLength(1));
    // The claim's answer reaches the page (the filed claim comes back), and still the page stays for the dialog.
    await act(() => answerOf(server, '/api/claims', 'POST'));
    expect(nav.redirect).not.toHaveBeenCalled();

    answer.resolve({ errMsg: 'requestSubscribeMessage:ok', 'T-claim-accepted': 'reject', 'T-claim-replied': 'reject' });
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0].data).toEqual({ results: { 'T-claim-accepted': 'reject', 'T-claim-replied': 'reject' } });
  });

  it('WeChat failing (dialog closed, old client) or the report failing does not stop the claim', async () => {
    answerWith(() => Promise.reject({ errMsg: 'requestSubscribeMessage:fail cancel', errCode: 20004 }));
    const nav = await openForm(TEMPLATES, { '/api/notifications/subscriptions': () => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }) });
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    expect(server.to('/api/claims')).toHaveLength(1);
    expect(reports()).toHaveLength(0);
    expect(screen.queryByTestId('claim-error')).toBeNull();
  });

  it('no templates configured (WeChat unconfigured, or none for claims): WeChat is not asked at all and the claim goes in', async () => {
    answerWith(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' }));
    const nav = await openForm({ enabled: false, moments: { claim: [], join: [], event: [] } });
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c42' }));
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
    expect(reports()).toHaveLength(0);
  });

  it('at most 3 templates per request; a form with problems asks nothing', async () => {
    answerWith(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', A: 'accept', B: 'ban', C: 'filter', D: 'accept' }));
    const nav = await openForm({ enabled: true, moments: { claim: ['A', 'B', 'C', 'D'], join: [], event: [] } });
    typeInto(document.body, 'claim-description', '没发');
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(requestSubscribeMessage).not.toHaveBeenCalled();

    typeInto(document.body, 'claim-description', '十月份工资 3500 元至今未发放。');
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(requestSubscribeMessage.mock.calls[0][0]).toMatchObject({ tmplIds: ['A', 'B', 'C'] });
    await waitFor(() => expect(nav.redirect).toHaveBeenCalled());
    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0].data).toEqual({ results: { A: 'accept', B: 'ban', C: 'filter' } });
  });
});

describe('WeChat subscribe consent at the other moments (weapp)', () => {
  it('applying to join asks for the join templates inside the tap; the application goes in and the page moves on', async () => {
    answerWith(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'T-join': 'accept' }));
    loggedIn();
    withParams({ org: 'XM-ELM' });
    const elm = { code: 'XM-ELM', name: '饿了么厦门站点联合工会', level: 'enterprise', parentName: '思明区莲前街道总工会', autoApprove: false };
    server = claimsApi({
      '/api/orgs/XM-ELM': () => json(200, elm),
      '/api/memberships/applications': () => json(201, { application: { id: 'a1', status: 'pending' }, card: null }),
      '/api/notifications/templates': () => json(200, TEMPLATES),
      '/api/notifications/subscriptions': () => json(200, { credits: { 'T-join': 1 } }),
    });
    const nav = navigation();
    const view = render(<JoinPage />);
    await screen.findByTestId('join-form');
    await waitFor(() => expect(server.to('/api/notifications/templates')).toHaveLength(1));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    typeInto(view.container, 'join-name', '李明');
    typeInto(view.container, 'join-mobile', '13812345678');
    typeInto(view.container, 'join-id-number', validIdNumber(3));
    typeInto(view.container, 'join-employer', '饿了么');
    fireEvent.click(screen.getByText('外卖配送员'));
    fireEvent.click(screen.getByTestId('join-consent-box'));
    fireEvent.click(screen.getByTestId('join-submit'));
    expect(requestSubscribeMessage.mock.calls.map(([o]) => o.tmplIds)).toEqual([['T-join']]);
    expect(postedWhenAsked).toEqual([0]);
    await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=a1' }));
    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0].data).toEqual({ results: { 'T-join': 'accept' } });
  });

  it('报名 asks for the event templates inside the tap and signs up whatever the answer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T02:00:00.000Z'));
    vi.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' });
    answerWith(() => Promise.reject({ errMsg: 'requestSubscribeMessage:fail cancel' }));
    loggedIn();
    withParams({ id: 's1' });
    server = claimsApi({
      '/api/stations/s1': () => json(200, detail()),
      '/api/events/mine': () => json(200, []),
      '/api/events/e1/signups': () => json(201, event({ signedUp: 30, seatsLeft: 0 })),
      '/api/notifications/templates': () => json(200, TEMPLATES),
    });
    render(<StationDetailPage />);
    const card = await screen.findByTestId('station-event');
    await waitFor(() => expect(server.to('/api/notifications/templates')).toHaveLength(1));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    fireEvent.click(within(card).getByTestId('station-event-signup'));
    expect(requestSubscribeMessage.mock.calls.map(([o]) => o.tmplIds)).toEqual([['T-event']]);
    expect(postedWhenAsked).toEqual([0]);
    await within(card).findByTestId('station-event-mine');
    expect(server.to('/api/events/e1/signups').map((r) => r.method)).toEqual(['POST']);
    expect(reports()).toHaveLength(0);
  });
});
