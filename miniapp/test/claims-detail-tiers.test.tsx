import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ARBITRATION_CHECKLIST, CLAIM_HOTLINES, CLAIM_LAW_TEXTS, type AgreementView, type ArbitrationGuide } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ClaimDetailPage from '../src/pages/claims/detail';
import { GUIDE_TEXT } from '../src/pages/claims/arbitration-guide';
import { PAYMENT_TEXT } from '../src/pages/claims/payment-card';
import { TIER_TEXT } from '../src/pages/claims/tier-card';
import type { Claim } from '../src/services/claims';
import { claimsApi, makeClaim } from './claims-fixtures';
import { json, type Route } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';

async function openDetail(claim: Claim, routes: Record<string, Route> = {}) {
  loggedIn();
  withParams({ id: claim.id });
  const server = claimsApi({ [`/api/claims/${claim.id}`]: () => json(200, claim), ...routes });
  render(<ClaimDetailPage />);
  await screen.findByTestId('claim-detail');
  return { server };
}

const modal = (confirm: boolean) => vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });

/** At the linkage centre, accepted on 11-10: art. 14 gives 11-25. */
const atCentre = makeClaim({
  status: 'accepted',
  handlingTier: 2,
  difficult: true,
  org: { code: 'XM-TIAOCHU', name: '厦门市新就业形态劳动者权益保障联动调处中心' },
  mediationReceivedAt: '2026-11-10T02:00:00.000Z',
  arbitrationRightDate: '2026-11-25',
  arbitrationPrompt: 'not_yet',
  continuedMediationConsentAt: null,
  mediationDueAt: '2026-12-08T15:59:59.000Z',
  actions: ['message', 'withdraw', 'apply_arbitration'],
});
const day15 = { ...atCentre, arbitrationPrompt: 'pending' as const, actions: [...atCentre.actions, 'continue_mediation' as const] };

const GUIDE: ArbitrationGuide = {
  commission: { id: 'ac1', org: { code: 'XM-HL', name: '湖里区总工会' }, name: '厦门市湖里区劳动人事争议仲裁委员会', address: '厦门市湖里区（演示地址）', phone: '0592-5000002', note: null },
  hotlines: CLAIM_HOTLINES,
  checklist: ARBITRATION_CHECKLIST,
  law: CLAIM_LAW_TEXTS,
  arbitrationRightDate: '2026-11-25',
};

afterEach(() => {
  resetParams();
  vi.restoreAllMocks();
});

describe('诉求详情 (worker): tiers and the art. 14 date', () => {
  it('shows the tier and, before day 15, the date from which arbitration may be applied for; no choice yet', async () => {
    await openDetail(atCentre);
    expect(screen.getByTestId('claim-tier-label').textContent).toBe('第 2 级 · 联动调处中心调解');
    expect(screen.getByTestId('claim-tier-right-date').textContent).toBe('2026-11-25');
    expect(screen.getByTestId('claim-tier-not-yet').textContent).toBe(TIER_TEXT.notYet('2026-11-25'));
    expect(screen.queryByTestId('claim-tier-prompt')).toBeNull();
    expect(screen.queryByTestId('claim-action-continue')).toBeNull();
    expect(screen.queryByTestId('claim-action-arbitrate')).toBeNull();
  });

  it('on day 15 asks 继续调解 or 申请仲裁 with the art. 14 text; 继续调解 is one tap and the consent shows', async () => {
    const consented = { ...day15, arbitrationPrompt: 'consented' as const, continuedMediationConsentAt: '2026-11-25T03:00:00.000Z', actions: atCentre.actions };
    const { server } = await openDetail(day15, { '/api/claims/c1/continue-mediation': () => json(200, consented) });
    expect(screen.getByTestId('claim-tier-prompt').textContent).toContain(TIER_TEXT.prompt);
    expect(screen.getByTestId('claim-tier-art14').textContent).toBe(CLAIM_LAW_TEXTS.art14);
    fireEvent.click(screen.getByTestId('claim-action-continue'));
    await waitFor(() => expect(screen.getByTestId('claim-tier-consented').textContent).toBe(TIER_TEXT.consented('2026-11-25')));
    const [req] = server.to('/api/claims/c1/continue-mediation');
    expect(req.method).toBe('POST');
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    // Consent given: 申请仲裁 stays possible, 继续调解 is not asked again.
    expect(screen.queryByTestId('claim-action-continue')).toBeNull();
    expect(screen.getByTestId('claim-action-arbitrate')).toBeTruthy();
  });

  it('申请仲裁 asks first (cancel sends nothing); confirmed, tier 3 shows the commission with one-tap call, hotlines, what to bring and art. 27', async () => {
    const guided = { ...day15, status: 'arbitration' as const, handlingTier: 3 as const, arbitrationPrompt: 'chosen' as const, actions: ['message' as const, 'withdraw' as const] };
    const { server } = await openDetail(day15, {
      '/api/claims/c1/apply-arbitration': () => json(200, guided),
      '/api/claims/c1/arbitration-guide': () => json(200, GUIDE),
    });
    const ask = modal(false);
    fireEvent.click(screen.getByTestId('claim-action-arbitrate'));
    await waitFor(() => expect(ask).toHaveBeenCalledWith({ title: TIER_TEXT.arbitrateTitle, content: TIER_TEXT.arbitrateBody }));
    expect(server.to('/api/claims/c1/apply-arbitration')).toHaveLength(0);

    modal(true);
    fireEvent.click(screen.getByTestId('claim-action-arbitrate'));
    await screen.findByTestId('claim-guide-commission');
    expect(server.to('/api/claims/c1/apply-arbitration')).toHaveLength(1);
    expect(screen.getByTestId('claim-summary-status').textContent).toBe('已引导仲裁');
    expect(screen.getByTestId('claim-tier-label').textContent).toBe('第 3 级 · 仲裁/诉讼引导');
    expect(screen.queryByTestId('claim-tier-right-date')).toBeNull();
    expect(screen.getByTestId('claim-guide-commission-name').textContent).toBe('厦门市湖里区劳动人事争议仲裁委员会');
    expect(screen.getByTestId('claim-guide-commission-address').textContent).toBe('厦门市湖里区（演示地址）');
    expect(screen.getByTestId('claim-guide-art27').textContent).toBe(CLAIM_LAW_TEXTS.art27);
    expect(screen.getByTestId('claim-arbitration-guide').textContent).toContain(ARBITRATION_CHECKLIST[0]);

    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    fireEvent.click(screen.getByTestId('claim-guide-commission-call'));
    fireEvent.click(screen.getByTestId('claim-guide-hotline-12351'));
    fireEvent.click(screen.getByTestId('claim-guide-hotline-12348'));
    expect(call.mock.calls.map(([o]) => o.phoneNumber)).toEqual(['0592-5000002', '12351', '12348']);
  });

  it('tier 3 with no commission on file says so and still offers the hotlines', async () => {
    const guided = { ...atCentre, status: 'arbitration' as const, handlingTier: 3 as const, arbitrationPrompt: 'chosen' as const };
    await openDetail(guided, { '/api/claims/c1/arbitration-guide': () => json(200, { ...GUIDE, commission: null }) });
    expect((await screen.findByTestId('claim-guide-no-commission')).textContent).toBe(GUIDE_TEXT.noCommission);
    expect(screen.getByTestId('claim-guide-hotline-12351-phone').textContent).toBe('12351');
  });
});

describe('诉求详情 (worker): the agreement', () => {
  const agreement: AgreementView = {
    id: 'a1',
    amountFen: 300000,
    dueDate: '2026-12-31',
    recoveredFen: 100000,
    createdAt: '2026-11-20T02:00:00.000Z',
    instalments: [
      { id: 'i1', seq: 1, amountFen: 100000, dueDate: '2026-11-30', state: 'received', receivedFen: 100000, answeredAt: '2026-11-30T02:00:00.000Z' },
      { id: 'i2', seq: 2, amountFen: 200000, dueDate: '2026-12-31', state: 'asking', receivedFen: null, answeredAt: null },
    ],
  };
  const resolved = makeClaim({
    status: 'resolved',
    outcome: 'mediated',
    handlingTier: 1,
    agreement,
    agreedFen: 300000,
    recoveredFen: 100000,
    paymentPrompt: { instalmentId: 'i2', seq: 2, amountFen: 200000, dueDate: '2026-12-31' },
    paymentMissedAt: null,
    actions: ['rate', 'payment_received', 'payment_missed'],
  });

  it('shows the sum agreed, what was confirmed and each instalment; 已收到 answers the instalment asked about', async () => {
    const answered = { ...resolved, recoveredFen: 300000, paymentPrompt: null, actions: ['rate' as const] };
    const { server } = await openDetail(resolved, { '/api/claims/c1/payment': () => json(200, answered) });
    expect(screen.queryByTestId('claim-tier')).toBeNull(); // resolved: no tier or art. 14 date runs any more
    expect(screen.getByTestId('claim-agreement-amount').textContent).toBe('¥3000');
    expect(screen.getByTestId('claim-agreement-recovered').textContent).toBe('¥1000');
    expect(screen.getAllByTestId('claim-agreement-instalment').map((r) => r.getAttribute('data-state'))).toEqual(['received', 'asking']);
    expect(screen.getByTestId('claim-payment-prompt').textContent).toContain(PAYMENT_TEXT.ask({ instalmentId: 'i2', seq: 2, amountFen: 200000, dueDate: '2026-12-31' }));
    fireEvent.click(screen.getByTestId('claim-payment-received'));
    await waitFor(() => expect(screen.getByTestId('claim-agreement-recovered').textContent).toBe('¥3000'));
    const [req] = server.to('/api/claims/c1/payment');
    expect(req.data).toEqual({ instalmentId: 'i2', received: true });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.queryByTestId('claim-payment-prompt')).toBeNull();
  });

  it('未收到 is confirmed first; then the claim is reopened and the art. 16 支付令 guidance shows with legal aid one tap away', async () => {
    const reopened = { ...resolved, status: 'reopened' as const, paymentPrompt: null, paymentMissedAt: '2026-12-31T03:00:00.000Z', actions: ['message' as const, 'withdraw' as const] };
    const { server } = await openDetail(resolved, { '/api/claims/c1/payment': () => json(200, reopened) });
    expect(screen.queryByTestId('claim-payment-order')).toBeNull();
    const ask = modal(true);
    fireEvent.click(screen.getByTestId('claim-payment-missed'));
    await screen.findByTestId('claim-payment-order');
    expect(ask).toHaveBeenCalledWith({ title: PAYMENT_TEXT.missedTitle, content: PAYMENT_TEXT.missedBody });
    expect(server.to('/api/claims/c1/payment')[0].data).toEqual({ instalmentId: 'i2', received: false });
    expect(screen.getByTestId('claim-summary-status').textContent).toBe('已重新办理');
    expect(screen.getByTestId('claim-tier-label').textContent).toBe('第 1 级 · 工会调解');
    expect(screen.getByTestId('claim-payment-order').textContent).toContain(CLAIM_LAW_TEXTS.art16);
    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    fireEvent.click(screen.getByTestId('claim-payment-order-call'));
    expect(call).toHaveBeenCalledWith({ phoneNumber: '12348' });
  });
});
