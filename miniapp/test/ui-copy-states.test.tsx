import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StationDetailPage from '../src/pages/station/detail';
import JoinPage from '../src/pages/join/index';
import TransferPage from '../src/pages/card/transfer';
import StationEditorPage from '../src/staff/pages/station/index';
import StationEventsPage from '../src/staff/pages/station-events/index';
import { errorReply, fakeServer, json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { managed, managedSummary } from './station-fixtures';

const master = { ...worker, roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };
const ELM = { code: 'XM-ELM', name: '饿了么厦门站点联合工会', level: 'enterprise', parentName: '思明区莲前街道总工会', autoApprove: false };
const card = (org: { code: string; name: string }) => ({
  memberNo: 'XM2026000123', nameMasked: '李*', org, since: '2026-01-05T00:00:00.000Z', status: 'active', token: 't', tokenExpiresAt: '2026-12-31T00:00:00.000Z',
});

afterEach(() => {
  resetParams();
  vi.restoreAllMocks();
});

describe('驿站详情: an id the server does not know', () => {
  it('says 驿站不存在 with a way back to the list, not 重试', async () => {
    withParams({ id: '00000000-0000-4000-8000-000000000000' });
    fakeServer(() => errorReply(404, 'NOT_FOUND', '找不到该内容，可能已被删除或无权查看'));
    const back = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    render(<StationDetailPage />);
    const missing = await screen.findByTestId('station-detail-missing');
    expect(missing.textContent).toContain('驿站不存在');
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByTestId('station-detail-to-list'));
    expect(back).toHaveBeenCalledWith({ url: '/pages/stations/index' });
  });

  it('a network failure still offers 重试', async () => {
    withParams({ id: 's1' });
    fakeServer(() => errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试'));
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      render(<StationDetailPage />);
      await vi.advanceTimersByTimeAsync(10_000);
      await screen.findByTestId('station-detail-error');
      expect(screen.getByText('重试')).toBeTruthy();
      expect(screen.queryByTestId('station-detail-missing')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a station master who keeps one station', () => {
  const server = (items = [managedSummary()]) =>
    fakeServer((req) => {
      if (req.url.endsWith('/api/stations/manage')) return json(200, { items, nextAfter: null });
      if (req.url.endsWith('/api/stations/s1/manage')) return json(200, managed());
      if (req.url.endsWith('/api/stations/s2/manage')) return json(200, managed({ id: 's2', name: '火车站工会驿站' }));
      return json(200, []);
    });

  it('goes straight to the station editor and the events page, with no 切换驿站 to a list of one', async () => {
    loggedIn(master);
    const s = server();
    const { unmount } = render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    expect(screen.queryByTestId('station-picker')).toBeNull();
    expect(s.to('/api/stations/s1/manage')).toHaveLength(1);
    expect(screen.queryByTestId('station-editor-switch')).toBeNull();
    unmount();

    render(<StationEventsPage />);
    await waitFor(() => expect(s.to('/api/stations/s1/manage')).toHaveLength(2));
    expect(screen.queryByTestId('station-events-pick')).toBeNull();
  });

  it('two stations: the picker asks which', async () => {
    loggedIn(master);
    server([managedSummary(), managedSummary({ id: 's2', code: 'ST-SM-02', name: '火车站工会驿站' })]);
    render(<StationEditorPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-picker-item')).toHaveLength(2));
  });
});

describe('扫码入会 by someone who is already a member', () => {
  const open = (member: ReturnType<typeof card> | null) => {
    loggedIn();
    withParams({ org: ELM.code });
    fakeServer((req) => {
      if (req.url.endsWith(`/api/orgs/${ELM.code}`)) return json(200, ELM);
      if (req.url.includes('/api/memberships/card')) return json(200, { card: member });
      if (req.url.endsWith('/api/memberships/profile')) return json(200, { nameMasked: null, mobileMasked: null, mobileSource: null, idNumberMasked: null, employer: null, occupation: null, city: null, savedAt: null });
      return errorReply(404, 'NOT_FOUND', '找不到');
    });
    return vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  };

  it('a member of another union is told at once, before any form, and offered 会员转移 to the scanned one', async () => {
    const navigate = open(card({ code: 'XM-MT', name: '美团厦门骑手联合工会' }));
    render(<JoinPage />);
    const told = await screen.findByTestId('join-already-member');
    expect(told.textContent).toContain('你已经是「美团厦门骑手联合工会」的会员。');
    expect(told.textContent).toContain('可以把会员关系转到「饿了么厦门站点联合工会」');
    expect(screen.queryByTestId('join-form')).toBeNull();
    fireEvent.click(screen.getByTestId('join-transfer'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/card/transfer?org=XM-ELM' });
  });

  it('a member of this union is sent to their card; a non-member gets the form', async () => {
    const navigate = open(card({ code: ELM.code, name: ELM.name }));
    const { unmount } = render(<JoinPage />);
    expect((await screen.findByTestId('join-already-member')).textContent).toContain('你已经是「饿了么厦门站点联合工会」的会员，不用再申请。');
    expect(screen.queryByTestId('join-transfer')).toBeNull();
    fireEvent.click(screen.getByTestId('join-to-card'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/card/index' });
    unmount();
    vi.restoreAllMocks();
    open(null);
    render(<JoinPage />);
    await screen.findByTestId('join-form');
    expect(screen.queryByTestId('join-already-member')).toBeNull();
  });

  it('会员转移 opened from the scan has the scanned union looked up already', async () => {
    loggedIn();
    withParams({ org: ELM.code });
    const s = fakeServer((req) => (req.url.endsWith(`/api/orgs/${ELM.code}`) ? json(200, ELM) : errorReply(404, 'NOT_FOUND', '找不到')));
    render(<TransferPage />);
    expect((await screen.findByTestId('transfer-org')).textContent).toContain(ELM.name);
    expect(s.to(`/api/orgs/${ELM.code}`)).toHaveLength(1);
  });
});
