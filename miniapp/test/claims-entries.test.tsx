import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import MePage from '../src/pages/me/index';
import StaffHomePage from '../src/staff/pages/home/index';
import { claimsApi, navigation, officer } from './claims-fixtures';
import { json } from './support/fake-server';
import { loggedIn, worker } from './support/session';

describe('ways in to 我有事办', () => {
  it('我的 → 我有事办 opens the form in one tap; 我的诉求 appears once logged in', () => {
    claimsApi({ '/api/me': () => json(200, worker), '/api/memberships/card': () => json(200, { card: null }) });
    const { navigate } = navigation();
    const { unmount } = render(<MePage />);
    expect(screen.queryByTestId('me-claims')).toBeNull();
    fireEvent.click(screen.getByTestId('me-claim-new'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/claims/new' });
    unmount();

    loggedIn();
    render(<MePage />);
    fireEvent.click(screen.getByTestId('me-claims'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/claims/index' });
  });

  it('officers get 诉求办理 on 我的 (one tap to the queue) with how many assigned claims wait for 受理, in one count request', async () => {
    loggedIn(officer);
    const server = claimsApi({
      '/api/me': () => json(200, officer),
      '/api/memberships/card': () => json(200, { card: null }),
      '/api/claims/queue-count': () => json(200, { awaiting: 3 }),
    });
    const { navigate } = navigation();
    render(<MePage />);
    expect((await screen.findByTestId('me-staff-claims-waiting')).textContent).toBe('3');
    expect(server.to('/api/claims/queue-count')).toHaveLength(1);
    expect(server.requests.filter((r) => /\/api\/claims(\?|$)/.test(r.url))).toHaveLength(0);
    fireEvent.click(screen.getByTestId('me-staff-claims'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/staff/pages/claims/index' });
  });

  it('above 99 shows 99+; nothing waiting or a failed count shows no badge; workers get no entry and no request', async () => {
    loggedIn(officer);
    claimsApi({ '/api/claims/queue-count': () => json(200, { awaiting: 120 }) });
    const first = render(<MePage />);
    expect((await screen.findByTestId('me-staff-claims-waiting')).textContent).toBe('99+');
    first.unmount();

    // Every timer fake (running with real time, so waitFor works): time is jumped past anything still pending.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    const empty = claimsApi({ '/api/claims/queue-count': () => json(200, { awaiting: 0 }) });
    const second = render(<MePage />);
    await waitFor(() => expect(empty.to('/api/claims/queue-count')).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getByTestId('me-staff-claims')).toBeTruthy();
    expect(screen.queryByTestId('me-staff-claims-waiting')).toBeNull();
    second.unmount();

    // One try: a badge is not worth retries, the next show asks again.
    // The client's whole retry backoff passes: still the one try.
    const failing = claimsApi({ '/api/claims/queue-count': () => ({ networkError: 'net::ERR_INTERNET_DISCONNECTED' }) });
    const third = render(<MePage />);
    await waitFor(() => expect(failing.to('/api/claims/queue-count')).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(10_000);
    vi.useRealTimers();
    expect(failing.to('/api/claims/queue-count')).toHaveLength(1);
    expect(screen.queryByTestId('me-staff-claims-waiting')).toBeNull();
    third.unmount();

    loggedIn(worker);
    const quiet = claimsApi({});
    render(<MePage />);
    expect(screen.queryByTestId('me-staff-claims')).toBeNull();
    expect(quiet.to('/api/claims/queue-count')).toHaveLength(0);
  });

  it('the 工作台 offers 诉求办理 to officers only', () => {
    loggedIn(officer);
    const { navigate } = navigation();
    const { unmount } = render(<StaffHomePage />);
    fireEvent.click(screen.getByTestId('staff-tool-claims'));
    expect(navigate).toHaveBeenCalledWith({ url: '/staff/pages/claims/index' });
    expect(screen.queryByText(/^诉求办理：/)).toBeNull(); // no longer listed as coming
    unmount();

    loggedIn({ ...worker, roles: [{ role: 'merchant', orgId: null, orgCode: null, orgName: null }] });
    render(<StaffHomePage />);
    expect(screen.queryByTestId('staff-tool-claims')).toBeNull();
  });
});
