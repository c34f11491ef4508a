import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import StaffHomePage from '../src/staff/pages/home/index';
import { loggedIn, worker } from './support/session';

describe('staff 工作台', () => {
  it('lists the staff roles and, per role, the live tools (a merchant: 优惠核销 and 优惠结算)', () => {
    loggedIn({
      ...worker,
      roles: [
        { role: 'station_master', orgId: 'o9', orgCode: 'XM-ST-9', orgName: '湖里区总工会' },
        { role: 'merchant', orgId: null, orgCode: null, orgName: null },
        { role: 'worker', orgId: null, orgCode: null, orgName: null },
      ],
    });
    render(<StaffHomePage />);
    expect(screen.getByText('驿站站长 · 湖里区总工会')).toBeTruthy();
    expect(screen.getByText('商户')).toBeTruthy();
    expect(screen.queryByText('职工')).toBeNull();
    expect(screen.getByText(/^驿站维护/)).toBeTruthy();
    // A merchant's tools are live now: the till and the settlement, nothing left to come.
    expect(screen.getByTestId('staff-tool-redeem')).toBeTruthy();
    expect(screen.getByTestId('staff-tool-settlement')).toBeTruthy();
    expect(screen.getByTestId('staff-home').querySelectorAll('button')).toHaveLength(0);
    // Live tools by role: member verification yes, join approval and figures no.
    expect(screen.getByTestId('staff-tool-verify')).toBeTruthy();
    expect(screen.queryByTestId('staff-tool-applications')).toBeNull();
    expect(screen.queryByTestId('staff-tool-stats')).toBeNull();
  });

  it('officers get 入会审批, 会员核验 and 入会时效, each opening its page', () => {
    loggedIn({ ...worker, roles: [{ role: 'officer', orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] });
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<StaffHomePage />);
    fireEvent.click(screen.getByTestId('staff-tool-applications'));
    fireEvent.click(screen.getByTestId('staff-tool-verify'));
    fireEvent.click(screen.getByTestId('staff-tool-stats'));
    fireEvent.click(screen.getByTestId('staff-tool-campaigns'));
    expect(navigate.mock.calls.map(([o]) => o.url)).toEqual(['/staff/pages/applications/index', '/staff/pages/verify/index', '/staff/pages/stats/index', '/staff/pages/campaigns/index']);
    expect(screen.queryByText(/^入会审批：/)).toBeNull(); // no longer listed as coming
    // The till is the merchant's: an officer does not get it; nothing is left to come for an officer.
    expect(screen.queryByTestId('staff-tool-redeem')).toBeNull();
    expect(screen.queryByTestId('staff-coming-tools')).toBeNull();
  });

  it('says plainly when the account has no staff role', () => {
    loggedIn(worker);
    render(<StaffHomePage />);
    expect(screen.getByTestId('staff-no-access').textContent).toContain('没有工作身份');
  });
});
