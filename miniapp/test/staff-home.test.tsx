import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import StaffHomePage from '../src/staff/pages/home/index';
import { loggedIn, worker } from './support/session';

describe('staff 工作台', () => {
  it('lists the staff roles and the tools still to come for them, with nothing to tap', () => {
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
    expect(screen.getByText(/^优惠核销/)).toBeTruthy();
    expect(screen.queryByText(/^入会审批/)).toBeNull();
    expect(screen.getByTestId('staff-home').querySelectorAll('button')).toHaveLength(0);
  });

  it('says plainly when the account has no staff role', () => {
    loggedIn(worker);
    render(<StaffHomePage />);
    expect(screen.getByTestId('staff-no-access').textContent).toContain('没有工作身份');
  });
});
