import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import MePage from '../src/pages/me/index';
import StaffHomePage from '../src/staff/pages/home/index';
import { claimsApi, navigation, officer } from './claims-fixtures';
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
