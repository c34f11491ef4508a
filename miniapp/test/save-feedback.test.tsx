// Results never off-screen: a save answers with a toast, a failed one brings its error into view.
import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import StationEditorPage from '../src/staff/pages/station/index';
import StationEventsPage from '../src/staff/pages/station-events/index';
import ClaimDetailPage from '../src/pages/claims/detail';
import ApplicationsPage from '../src/staff/pages/applications/index';
import { claimEvent, claimsApi, makeClaim } from './claims-fixtures';
import { errorReply, fakeServer, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { event, managed } from './station-fixtures';

const master = { ...worker, roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };

let toast: MockInstance<typeof Taro.showToast>;
let scroll: MockInstance<typeof Taro.pageScrollTo>;
/** Per pageScrollTo call, the element its selector matched when it was made. */
let found: Array<Element | null>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T02:00:00.000Z'));
  loggedIn(master);
  withParams({ id: 's1' });
  toast = vi.spyOn(Taro, 'showToast');
  // jsdom does not scroll: record where the page was asked to go, and what that selector found at that moment (as
  // H5 looks it up then). A call left over from an earlier test (its nextTick) finds nothing here and is passed over.
  found = [];
  scroll = vi.spyOn(Taro, 'pageScrollTo').mockImplementation(async (o) => {
    found.push(document.querySelector(o?.selector ?? ''));
    return { errMsg: 'pageScrollTo:ok' };
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetParams();
});

const toastTitles = () => toast.mock.calls.map(([o]) => o?.title);
/** The element the page last asked pageScrollTo to bring into view (as H5 finds it: the first match). */
async function scrolledTo(): Promise<Element> {
  let el: Element | null = null;
  await waitFor(() => {
    expect(scroll).toHaveBeenCalled();
    el = found.at(-1) ?? null;
    if (!el) throw new Error(`nothing matched ${scroll.mock.calls.at(-1)![0]?.selector} when the page asked to scroll to it`);
  });
  return el!;
}

describe('驿站维护: 保存修改', () => {
  const server = (refuse?: ReturnType<typeof errorReply>) => {
    let current = managed();
    return fakeServer((req) => {
      if (req.method === 'PATCH') {
        if (refuse) return refuse;
        current = { ...current, ...(req.data as object) };
      }
      return json(200, current);
    });
  };

  it('a save answers with a toast over the page (the notice at the top is out of sight)', async () => {
    server();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(toastTitles()).toEqual(['已保存']));
    expect(toast.mock.calls[0][0]).toMatchObject({ icon: 'success' });
    // Taro's real H5 toast is on screen.
    await waitFor(() => expect(document.body.textContent).toContain('已保存'));
    expect(scroll).not.toHaveBeenCalled();
  });

  it('a long answer goes without the icon (weapp cuts a success toast after 7 characters)', async () => {
    server();
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(within(screen.getByTestId('station-editor-status')).getByText('停用'));
    await waitFor(() => expect(toastTitles()).toEqual(['已停用，骑手暂时看不到本站']));
    expect(toast.mock.calls[0][0]).toMatchObject({ icon: 'none' });
  });

  it('a bad range: nothing is sent, and the page scrolls to the field that says what to fix', async () => {
    const s = server();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    // Opening and closing at the same time (the fixture closes at 02:00): the shared hours rule refuses it.
    typeInto(document.body, 'station-editor-day-3-open-0', '02:00');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-editor-hours'));
    expect(s.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    expect(toast).not.toHaveBeenCalled();
  });

  it('a closure without a reason scrolls to the closure field', async () => {
    server();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-closure-start'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-editor-closure'));
  });

  it('a server refusal of a field scrolls to that field; any other failure to the notice saying why', async () => {
    server(errorReply(400, 'VALIDATION_FAILED', '提交的信息有误', [{ field: 'phone', message: '电话格式不对' }]));
    const { unmount } = render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-editor-phone'));
    unmount();

    scroll.mockClear();
    found = [];
    server(errorReply(403, 'FORBIDDEN', '只能维护自己负责的驿站'));
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-editor-notice'));
    expect(screen.getByTestId('station-editor-notice').textContent).toBe('只能维护自己负责的驿站');
    expect(toast).not.toHaveBeenCalled();
  });
});

describe('活动管理: 发布活动', () => {
  it('a publish answers with a toast while the form resets below the list', async () => {
    fakeServer((req) => (req.method === 'POST' ? json(201, event({ id: 'e2', title: '夏日义诊' })) : json(200, managed())));
    render(<StationEventsPage />);
    await screen.findByTestId('station-event');
    typeInto(document.body, 'station-events-title', '夏日义诊');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    await waitFor(() => expect(toastTitles()).toEqual(['活动已发布']));
    expect((screen.getByTestId('station-events-title').querySelector('input') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.body.textContent).toContain('活动已发布'));
  });

  it('a publish without a title scrolls to the title field, the first error', async () => {
    const s = fakeServer(() => json(200, managed()));
    render(<StationEventsPage />);
    await screen.findByTestId('station-event');
    typeInto(document.body, 'station-events-capacity', '0');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-events-title'));
    expect(screen.getByTestId('station-events-capacity-error')).toBeTruthy();
    expect(s.to('/api/stations/s1/events')).toHaveLength(0);
  });

  it('a save refused by the server scrolls to the field; a conflict to the notice; a cancel answers with a toast', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    let reply = errorReply(400, 'VALIDATION_FAILED', '提交的信息有误', [{ field: 'capacity', message: '已有 31 人报名，名额不能少于报名人数' }]);
    fakeServer((req) => {
      if (req.method === 'PATCH') return reply;
      if (req.url.endsWith('/cancel')) return json(200, event({ status: 'cancelled' }));
      return json(200, managed({ events: [event({ capacity: 40, signedUp: 29, seatsLeft: 11 })] }));
    });
    render(<StationEventsPage />);
    fireEvent.click(within(await screen.findByTestId('station-event')).getByTestId('station-events-edit'));
    // 修改 itself brings the form into view (after the render that fills it): wait for that before the next step.
    expect(await scrolledTo()).toBe(screen.getByTestId('station-events-form-head'));
    scroll.mockClear();
    found = [];
    fireEvent.click(screen.getByTestId('station-events-publish'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-events-capacity'));

    scroll.mockClear();
    found = [];
    reply = errorReply(409, 'CONFLICT', '活动已取消或报名人数已变化，请刷新后重试');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    expect(await scrolledTo()).toBe(screen.getByTestId('station-events-notice'));

    fireEvent.click(within(screen.getByTestId('station-event')).getByTestId('station-events-cancel'));
    await waitFor(() => expect(toastTitles()).toEqual(['活动已取消，已通知报名的职工']));
  });
});

describe('actions further down a page', () => {
  it('评价 on a claim answers with a toast as the panel closes', async () => {
    const resolved = makeClaim({ status: 'resolved', actions: ['rate'], timeline: [claimEvent('submitted')] });
    claimsApi({
      '/api/claims/c1': () => json(200, resolved),
      '/api/claims/c1/rating': () => json(200, { ...resolved, status: 'closed', actions: [], ratingScore: 4 }),
    });
    withParams({ id: 'c1' });
    render(<ClaimDetailPage />);
    fireEvent.click(await screen.findByTestId('claim-action-rate'));
    fireEvent.click(screen.getByTestId('claim-star-4'));
    fireEvent.click(screen.getByTestId('claim-rating-submit'));
    await waitFor(() => expect(toastTitles()).toEqual(['评价已提交']));
    expect(screen.queryByTestId('claim-rating-panel')).toBeNull();
  });

  it('通过 in 入会审批 answers with a toast (the notice is at the top of a long list)', async () => {
    loggedIn({ ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] });
    const application = { id: 'a2', kind: 'join', status: 'pending', org: { code: 'XM-ELM', name: '饿了么厦门站点联合工会' }, name: '王强', mobileMasked: '138****5678', idNumberMasked: '3502**********1234', employer: '饿了么', occupation: '外卖配送员', city: '厦门市', transferReason: null, submittedAt: '2026-11-23T06:00:00.000Z', decidedAt: null, autoDecided: false, decisionReason: null };
    fakeServer((req) =>
      req.url.includes('/approve')
        ? json(200, { application: { ...application, status: 'approved' }, card: { memberNo: 'XM2026000009' } })
        : json(200, { items: [application], nextCursor: null }),
    );
    render(<ApplicationsPage />);
    await screen.findByText('王强');
    fireEvent.click(screen.getByTestId('application-approve'));
    await waitFor(() => expect(toast).toHaveBeenCalledTimes(1));
    expect(toastTitles()[0]).toBe(screen.getByTestId('applications-notice').textContent);
    expect(toastTitles()[0]).toContain('XM2026000009');
  });
});
