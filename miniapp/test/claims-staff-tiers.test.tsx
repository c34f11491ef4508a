import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES, shanghaiDate } from '@nuanxin/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StaffClaimPage from '../src/staff/pages/claim/index';
import { CONTACT_TEXT } from '../src/staff/pages/claim/contact-card';
import { AGREEMENT_MESSAGES } from '../src/staff/pages/claim/agreement-rules';
import type { Claim } from '../src/services/claims';
import { claimEvent, claimsApi, makeClaim, officer } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn } from './support/session';

const PHONE_CONTACT = { name: '王师傅', mobileMasked: '139****1111', preference: 'phone' as const, canReveal: true };

const working = makeClaim({
  status: 'in_progress',
  assigneeId: 'o1',
  handlingTier: 1,
  difficult: false,
  contact: PHONE_CONTACT,
  mediationDueAt: '2026-11-27T15:59:59.000Z',
  actions: ['reply', 'note', 'assign', 'escalate', 'refer', 'transfer', 'resolve'],
  timeline: [claimEvent('submitted'), claimEvent('accept', { toStatus: 'accepted' })],
});

async function openClaim(claim: Claim, routes: Record<string, Route> = {}) {
  loggedIn(officer);
  withParams({ id: claim.id });
  const server = claimsApi({ [`/api/claims/${claim.id}`]: () => json(200, claim), ...routes });
  const view = render(<StaffClaimPage />);
  await screen.findByTestId('staff-claim');
  return { server, container: view.container };
}

/** Opens the system date picker on a DateField and confirms what it offers (the field's start: today). */
function pickOfferedDate(testId: string) {
  fireEvent.click(screen.getByTestId(testId));
  const confirm = Array.from(document.querySelectorAll('.taro-picker__action')).at(-1) as HTMLElement;
  fireEvent.click(confirm);
}

afterEach(() => {
  resetParams();
  vi.restoreAllMocks();
});

describe('staff 诉求: the worker as the officer needs them', () => {
  it('shows the name and the masked mobile; 拨打电话 reveals, dials the full number and keeps it nowhere on the page', async () => {
    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    const { server } = await openClaim(working, { '/api/claims/c1/reveal-phone': () => json(200, { mobile: '13900001111' }) });
    expect(screen.getByTestId('staff-claim-contact-name').textContent).toBe('王师傅');
    expect(screen.getByTestId('staff-claim-contact-mobile').textContent).toBe('139****1111');
    fireEvent.click(screen.getByTestId('staff-claim-call'));
    await waitFor(() => expect(call).toHaveBeenCalledWith({ phoneNumber: '13900001111' }));
    expect(server.to('/api/claims/c1/reveal-phone')[0].method).toBe('POST');
    // The page reloads the claim (its timeline gains the officer's own 查看职工电话 step) and never prints the number.
    await waitFor(() => expect(server.to('/api/claims/c1').filter((r) => r.method === 'GET')).toHaveLength(2));
    expect(document.body.textContent).not.toContain('13900001111');
  });

  it('消息通知: no number and no 拨打电话; a refused reveal says why and dials nothing', async () => {
    await openClaim({ ...working, contact: { name: '小李', mobileMasked: null, preference: 'message', canReveal: false } });
    expect(screen.getByTestId('staff-claim-contact-mobile').textContent).toBe(CONTACT_TEXT.byMessage);
    expect(screen.queryByTestId('staff-claim-call')).toBeNull();
    vi.restoreAllMocks();
    resetParams();

    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    await openClaim(working, { '/api/claims/c1/reveal-phone': () => errorReply(409, 'CLAIM_CONTACT_BY_MESSAGE', ERROR_MESSAGES.CLAIM_CONTACT_BY_MESSAGE) });
    fireEvent.click(screen.getAllByTestId('staff-claim-call').at(-1)!);
    await waitFor(() => expect(screen.getByTestId('staff-claim-call-error').textContent).toBe(ERROR_MESSAGES.CLAIM_CONTACT_BY_MESSAGE));
    expect(call).not.toHaveBeenCalled();
  });
});

describe('staff 诉求: tiers', () => {
  it('shows the tier badge; 转联动调处中心 sends the note and the answer shows tier 2 with 疑难', async () => {
    const referred = { ...working, status: 'referred' as const, handlingTier: 2 as const, difficult: true, actions: ['note' as const] };
    const { server, container } = await openClaim(working, { '/api/claims/c1/refer': () => json(200, referred) });
    expect(screen.getByTestId('claim-summary-tier').textContent).toBe('第 1 级 · 工会调解');
    expect(screen.queryByTestId('claim-summary-difficult')).toBeNull();
    fireEvent.click(screen.getByTestId('staff-action-refer'));
    typeInto(container, 'staff-refer-panel-text', '双方分歧较大，需联合调处');
    fireEvent.click(screen.getByTestId('staff-refer-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-tier').textContent).toBe('第 2 级 · 联动调处中心调解'));
    expect(screen.getByTestId('claim-summary-status').textContent).toBe('已转联动调处中心');
    expect(screen.getByTestId('claim-summary-difficult').textContent).toBe('疑难');
    const [req] = server.to('/api/claims/c1/refer');
    expect(req.data).toEqual({ note: '双方分歧较大，需联合调处' });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tier 3 (已引导仲裁): 记录仲裁结果 offers only 经仲裁或诉讼处理, already chosen', async () => {
    const guided = { ...working, status: 'arbitration' as const, handlingTier: 3 as const, actions: ['note' as const, 'assign' as const, 'resolve' as const] };
    const done = { ...guided, status: 'resolved' as const, outcome: 'arbitrated', actions: [] };
    const { server, container } = await openClaim(guided, { '/api/claims/c1/resolve': () => json(200, done) });
    expect(screen.getByTestId('claim-summary-tier').textContent).toBe('第 3 级 · 仲裁/诉讼引导');
    fireEvent.click(screen.getByTestId('staff-action-resolve'));
    expect(screen.getAllByTestId('staff-resolve-outcome-option').map((el) => [el.textContent, el.getAttribute('aria-checked')])).toEqual([['经仲裁或诉讼处理', 'true']]);
    typeInto(container, 'staff-resolve-amount', '2000');
    typeInto(container, 'staff-resolve-summary', '仲裁裁决支付工资 2000 元');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    await waitFor(() => expect(server.to('/api/claims/c1/resolve')).toHaveLength(1));
    expect(server.to('/api/claims/c1/resolve')[0].data).toEqual({ outcome: 'arbitrated', amountRecoveredFen: 200000, summary: '仲裁裁决支付工资 2000 元' });
  });
});

describe('staff 诉求: the mediation agreement', () => {
  // The date pickers offer today: a fixed clock (Date only; timers stay real), so a run across Beijing midnight (16:00
  // UTC) cannot offer a different day than the one expected, or two different days to the two instalments.
  const NOW = new Date('2026-12-01T04:00:00.000Z');
  const today = shanghaiDate(NOW);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });

  it('调解成功 with money owed: the amount in fen and the picked due date go as the agreement; no recovered amount is claimed', async () => {
    const done = { ...working, status: 'resolved' as const, actions: [] };
    const { server, container } = await openClaim(working, { '/api/claims/c1/resolve': () => json(200, done) });
    fireEvent.click(screen.getByTestId('staff-action-resolve'));
    expect(screen.queryByTestId('staff-resolve-owed')).toBeNull(); // only for 调解成功
    fireEvent.click(screen.getByText('调解成功'));
    fireEvent.click(screen.getByTestId('staff-resolve-owed'));
    expect(screen.queryByTestId('staff-resolve-amount')).toBeNull();
    typeInto(container, 'staff-resolve-summary', '双方达成调解协议');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    expect(screen.getByTestId('staff-resolve-error').textContent).toBe(AGREEMENT_MESSAGES.amount);
    typeInto(container, 'staff-agreement-amount', '3500.5');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    expect(screen.getByTestId('staff-resolve-error').textContent).toBe(AGREEMENT_MESSAGES.dueDate);
    pickOfferedDate('staff-agreement-due');
    await waitFor(() => expect(screen.getByTestId('staff-agreement-due-value').textContent).toBe(today));
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    await waitFor(() => expect(server.to('/api/claims/c1/resolve')).toHaveLength(1));
    expect(server.to('/api/claims/c1/resolve')[0].data).toEqual({ outcome: 'mediated', summary: '双方达成调解协议', agreement: { amountFen: 350050, dueDate: today } });
  });

  it('instalments must add up to the agreed sum, in date order; the last date is the due date', async () => {
    const done = { ...working, status: 'resolved' as const, actions: [] };
    const { server, container } = await openClaim(working, { '/api/claims/c1/resolve': () => json(200, done) });
    fireEvent.click(screen.getByTestId('staff-action-resolve'));
    fireEvent.click(screen.getByText('调解成功'));
    fireEvent.click(screen.getByTestId('staff-resolve-owed'));
    typeInto(container, 'staff-agreement-amount', '3000');
    fireEvent.click(screen.getByTestId('staff-agreement-split'));
    expect(screen.getAllByTestId('staff-agreement-instalment')).toHaveLength(2);
    typeInto(container, 'staff-agreement-instalment-1-amount', '1000');
    typeInto(container, 'staff-agreement-instalment-2-amount', '1500');
    pickOfferedDate('staff-agreement-instalment-1-due');
    pickOfferedDate('staff-agreement-instalment-2-due');
    typeInto(container, 'staff-resolve-summary', '分两期支付');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    // Both offered today: the second is not later than the first.
    expect(screen.getByTestId('staff-resolve-error').textContent).toBe(AGREEMENT_MESSAGES.order);
    expect(server.to('/api/claims/c1/resolve')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('staff-agreement-add'));
    expect(screen.getAllByTestId('staff-agreement-instalment')).toHaveLength(3);
    fireEvent.click(screen.getAllByTestId('staff-agreement-remove')[1]);
    expect(screen.getAllByTestId('staff-agreement-instalment')).toHaveLength(2);
  });
});
