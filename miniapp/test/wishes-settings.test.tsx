import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import WishSettingsPage, { WISH_SETTINGS_TEXT as T } from '../src/staff/pages/wish-settings/index';
import StaffHomePage from '../src/staff/pages/home/index';
import { claimsApi, navigation, officer } from './claims-fixtures';
import { errorReply, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const stats = { orgCode: 'XM-SM', posted: 14, published: 11, claimed: 8, fulfilled: 6, medianDaysToFulfil: 9.5 };
const inherited = { orgCode: 'XM-SM', valueCapFen: 50_000, yearlyLimit: 2, inherited: true };
const input = (container: HTMLElement, testId: string) => container.querySelector(`[data-testid=${testId}] input`) as HTMLInputElement;
const errorOf = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;

function open(routes: Parameters<typeof claimsApi>[0] = {}) {
  loggedIn(officer);
  const server = claimsApi({ '/api/wishes/stats': () => json(200, stats), '/api/wishes/settings': () => json(200, inherited), ...routes });
  const view = render(<WishSettingsPage />);
  return { server, container: view.container };
}

describe('心愿设置与统计 (officers)', () => {
  it("shows the org's figures (posted, on the wall, claimed, fulfilled, median days) and its limits, inherited until set", async () => {
    const { server, container } = open();
    await screen.findByTestId('wish-settings-form');
    expect(['posted', 'published', 'claimed', 'fulfilled', 'median'].map((k) => screen.getByTestId(`wish-stats-${k}`).textContent)).toEqual([
      `14${T.posted}`,
      `11${T.published}`,
      `8${T.claimed}`,
      `6${T.fulfilled}`,
      `9.5 天${T.median}`,
    ]);
    expect(screen.getByTestId('wish-settings-source').textContent).toBe(T.inherited);
    expect(input(container, 'wish-settings-cap').value).toBe('500');
    expect(input(container, 'wish-settings-yearly').value).toBe('2');
    expect(server.to('/api/wishes/stats')[0].url).toContain('orgCode=XM-SM');
  });

  it('saves the cap in fen and the yearly limit for the org (toast); the org now has its own', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    const { server, container } = open({
      '/api/wishes/settings': (req) => (req.method === 'PUT' ? json(200, { orgCode: 'XM-SM', valueCapFen: 30_050, yearlyLimit: 3, inherited: false }) : json(200, inherited)),
    });
    await screen.findByTestId('wish-settings-form');
    typeInto(container, 'wish-settings-cap', '300.5');
    typeInto(container, 'wish-settings-yearly', '3');
    fireEvent.click(screen.getByTestId('wish-settings-save'));
    await waitFor(() => expect(screen.getByTestId('wish-settings-source').textContent).toBe(T.own));
    const put = server.to('/api/wishes/settings').find((r) => r.method === 'PUT')!;
    expect(put.data).toEqual({ valueCapFen: 30_050, yearlyLimit: 3 });
    expect(put.url).toContain('orgCode=XM-SM');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: T.saved }));
  });

  it('bad values: a message at each field, the page scrolls to the first, nothing is sent; a server field message shows at its field', async () => {
    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const { server, container } = open({
      '/api/wishes/settings': (req) =>
        req.method === 'PUT' ? errorReply(400, 'VALIDATION_FAILED', '输入有误', [{ field: 'yearlyLimit', message: '每年最多 12 次' }]) : json(200, inherited),
    });
    await screen.findByTestId('wish-settings-form');
    typeInto(container, 'wish-settings-cap', '0');
    typeInto(container, 'wish-settings-yearly', '20');
    fireEvent.click(screen.getByTestId('wish-settings-save'));
    expect(errorOf('wish-settings-cap')).toBe(T.capRule);
    expect(errorOf('wish-settings-yearly')).toBe(T.yearlyRule);
    await waitFor(() => expect(scroll).toHaveBeenCalled());
    expect(document.querySelector(scroll.mock.calls.at(-1)![0].selector ?? '')?.getAttribute('data-testid')).toBe('wish-settings-cap');
    expect(server.to('/api/wishes/settings').filter((r) => r.method === 'PUT')).toHaveLength(0);

    typeInto(container, 'wish-settings-cap', '500');
    typeInto(container, 'wish-settings-yearly', '12');
    fireEvent.click(screen.getByTestId('wish-settings-save'));
    await waitFor(() => expect(errorOf('wish-settings-yearly')).toBe('每年最多 12 次'));
    expect(errorOf('wish-settings-cap')).toBeNull();
  });

  it('the 工作台 offers it to officers and not to station masters', () => {
    loggedIn(officer);
    claimsApi({ '/api/wishes/queue': () => json(200, { items: [], nextCursor: null }), '/api/me': () => json(200, officer) });
    const nav = navigation();
    const first = render(<StaffHomePage />);
    fireEvent.click(screen.getByTestId('staff-tool-wish-settings'));
    expect(nav.navigate).toHaveBeenLastCalledWith({ url: '/staff/pages/wish-settings/index' });
    first.unmount();
    loggedIn({ ...worker, roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] });
    claimsApi({ '/api/wishes/station': () => json(200, []) });
    render(<StaffHomePage />);
    expect(screen.queryByTestId('staff-tool-wish-settings')).toBeNull();
  });

  it('a worker without a staff role is not let in', () => {
    loggedIn(worker);
    render(<WishSettingsPage />);
    expect(screen.queryByTestId('wish-settings')).toBeNull();
  });
});
