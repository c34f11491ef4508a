import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import StatsPage from '../src/staff/pages/stats/index';
import VerifyPage from '../src/staff/pages/verify/index';
import { errorReply, fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const merchant = { ...worker, roles: [{ role: 'merchant' as const, orgId: null, orgCode: null, orgName: null }] };
const officer = { ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] };

describe('staff 会员核验', () => {
  it('a valid token shows 有效会员 with the member number, masked name and org', async () => {
    loggedIn(merchant);
    const server = fakeServer(() =>
      json(200, { valid: true, memberNo: 'XM2026000003', nameMasked: '李*', org: { code: 'XM-MT', name: '美团厦门骑手联合工会' }, status: 'active', since: '2026-11-23T06:00:00.000Z' }),
    );
    const { container } = render(<VerifyPage />);
    typeInto(container, 'verify-token', '  eyJhbGciOiJIUzI1NiJ9.payload.signature  ');
    fireEvent.click(screen.getByTestId('verify-submit'));
    expect((await screen.findByTestId('verify-state')).textContent).toBe('有效会员');
    expect(screen.getByTestId('verify-member-no').textContent).toBe('XM2026000003');
    expect(screen.getByTestId('verify-name').textContent).toBe('李*');
    expect(screen.getByTestId('verify-org').textContent).toBe('美团厦门骑手联合工会');
    expect(server.requests[0].url).toContain(`token=${encodeURIComponent('eyJhbGciOiJIUzI1NiJ9.payload.signature')}`);
  });

  it('an ended membership says so', async () => {
    loggedIn(merchant);
    fakeServer(() => json(200, { valid: false, memberNo: 'XM2026000003', nameMasked: '李*', org: { code: 'XM-MT', name: '美团' }, status: 'ended', since: '2026-01-01T00:00:00.000Z' }));
    const { container } = render(<VerifyPage />);
    typeInto(container, 'verify-token', 'eyJhbGciOiJIUzI1NiJ9.payload.signature');
    fireEvent.click(screen.getByTestId('verify-submit'));
    expect((await screen.findByTestId('verify-state')).textContent).toBe('会籍已结束');
  });

  it.each(['CARD_TOKEN_EXPIRED', 'CARD_TOKEN_INVALID'] as const)('%s is shown plainly', async (code) => {
    loggedIn(merchant);
    fakeServer(() => errorReply(400, code, ERROR_MESSAGES[code]));
    const { container } = render(<VerifyPage />);
    typeInto(container, 'verify-token', 'eyJhbGciOiJIUzI1NiJ9.payload.signature');
    fireEvent.click(screen.getByTestId('verify-submit'));
    expect((await screen.findByTestId('verify-error')).textContent).toBe(ERROR_MESSAGES[code]);
    expect(screen.queryByTestId('verify-result')).toBeNull();
  });

  it('a plain worker cannot use it', () => {
    loggedIn(worker);
    render(<VerifyPage />);
    expect(screen.getByTestId('staff-no-access')).toBeTruthy();
  });
});

describe('staff 入会时效', () => {
  it("shows the officer's org figures", async () => {
    loggedIn(officer);
    const server = fakeServer(() => json(200, { orgCode: 'XM-SM', pendingNow: 3, decidedToday: 5, medianMinutes: 12.5, p90Minutes: 41, decidedLate: 2, autoApproved: 7, windowDays: 30 }));
    render(<StatsPage />);
    await waitFor(() => expect(screen.getByTestId('stats-pending').textContent).toContain('3'));
    expect(server.requests[0].url).toContain('/api/memberships/stats?orgCode=XM-SM');
    expect(screen.getByTestId('stats-pending').textContent).toContain('待审核');
    expect(screen.getByTestId('stats-today').textContent).toBe('5今日已处理');
    expect(screen.getByTestId('stats-median').textContent).toBe('12.5 分钟中位用时');
    expect(screen.getByTestId('stats-p90').textContent).toBe('41 分钟P90 用时');
    expect(screen.getByTestId('stats-late').textContent).toBe('2超 30 分钟');
    // Auto-approvals take 0 minutes: shown apart so they cannot flatter the officers' times
    expect(screen.getByTestId('stats-auto').textContent).toBe('7近 30 天自动通过');
    expect(screen.getByText(/自动审核的入会当场发卡、用时为 0，单独计数，不计入用时/)).toBeTruthy();
  });
});
