import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import MePage from '../src/pages/me/index';
import StaffHomePage from '../src/staff/pages/home/index';
import type { Claim } from '../src/services/claims';
import { claimsApi, makeClaim, navigation, officer } from './claims-fixtures';
import { json } from './support/fake-server';
import { loggedIn, worker } from './support/session';

describe('ways in to 我有事办', () => {
  it('我的 → 我有事办 opens the form in one tap; 我的诉求 appears once logged in', () => {
    claimsApi({ '/api/me': () => json(200, worker), '/api/memberships/card': () => json(404, { code: 'NOT_A_MEMBER', message: '' }) });
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

  it('officers get 诉求办理 on 我的 (one tap to the queue) with how many assigned claims wait for 受理 (submitted, escalated, reopened)', async () => {
    loggedIn(officer);
    const waiting: Record<string, number> = { submitted: 2, escalated: 1, reopened: 0 };
    const server = claimsApi({
      '/api/me': () => json(200, officer),
      '/api/memberships/card': () => json(404, { code: 'NOT_A_MEMBER', message: '' }),
      '/api/claims': (req) => {
        const status = new URL(req.url, 'http://x').searchParams.get('status') ?? '';
        return json(200, { items: Array.from({ length: waiting[status] ?? 0 }, (_, i) => makeClaim({ id: `${status}-${i}`, status: status as Claim['status'] })), nextCursor: null });
      },
    });
    const { navigate } = navigation();
    render(<MePage />);
    expect((await screen.findByTestId('me-staff-claims-waiting')).textContent).toBe('3');
    const queries = server.to('/api/claims').map((r) => new URL(r.url, 'http://x').searchParams);
    expect(queries.map((q) => q.get('status')).sort()).toEqual(['escalated', 'reopened', 'submitted']);
    expect(queries.every((q) => q.get('assignee') === 'me')).toBe(true);
    fireEvent.click(screen.getByTestId('me-staff-claims'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/staff/pages/claims/index' });
  });

  it('a full first page shows 20+; nothing waiting or a failed count shows no badge; workers get no entry and no request', async () => {
    loggedIn(officer);
    const twenty = Array.from({ length: 20 }, (_, i) => makeClaim({ id: `c${i}` }));
    claimsApi({ '/api/claims': (req) => (req.url.includes('status=submitted') ? json(200, { items: twenty, nextCursor: 'more' }) : json(200, { items: [], nextCursor: null })) });
    const first = render(<MePage />);
    expect((await screen.findByTestId('me-staff-claims-waiting')).textContent).toBe('20+');
    first.unmount();

    const empty = claimsApi({ '/api/claims': () => json(200, { items: [], nextCursor: null }) });
    const second = render(<MePage />);
    await waitFor(() => expect(empty.to('/api/claims')).toHaveLength(3));
    expect(screen.getByTestId('me-staff-claims')).toBeTruthy();
    expect(screen.queryByTestId('me-staff-claims-waiting')).toBeNull();
    second.unmount();

    // One status failing: a partial count would mislead, so no badge; one try each, a badge is not worth retries.
    const failing = claimsApi({ '/api/claims': (req) => (req.url.includes('status=escalated') ? { networkError: 'net::ERR_INTERNET_DISCONNECTED' } : json(200, { items: [makeClaim()], nextCursor: null })) });
    const third = render(<MePage />);
    await waitFor(() => expect(failing.to('/api/claims')).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('me-staff-claims-waiting')).toBeNull();
    third.unmount();

    loggedIn(worker);
    const quiet = claimsApi({});
    render(<MePage />);
    expect(screen.queryByTestId('me-staff-claims')).toBeNull();
    expect(quiet.to('/api/claims')).toHaveLength(0);
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
