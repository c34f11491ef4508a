import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AgreementView } from '@nuanxin/shared';
import { afterEach, describe, expect, it } from 'vitest';
import ClaimDetailPage from '../src/pages/claims/detail';
import { PAYMENT_TEXT } from '../src/pages/claims/payment-card';
import type { Claim } from '../src/services/claims';
import { claimsApi, makeClaim } from './claims-fixtures';
import { json, type Route } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn } from './support/session';

async function openDetail(claim: Claim, routes: Record<string, Route> = {}) {
  loggedIn();
  withParams({ id: claim.id });
  const server = claimsApi({ [`/api/claims/${claim.id}`]: () => json(200, claim), ...routes });
  const view = render(<ClaimDetailPage />);
  await screen.findByTestId('claim-detail');
  return { server, container: view.container };
}

afterEach(resetParams);

const agreement: AgreementView = {
  id: 'a1',
  amountFen: 200000,
  dueDate: '2026-12-31',
  recoveredFen: 0,
  createdAt: '2026-11-20T02:00:00.000Z',
  instalments: [{ id: 'i1', seq: 1, amountFen: 200000, dueDate: '2026-12-31', state: 'asking', receivedFen: null, answeredAt: null }],
};
const asking = makeClaim({
  status: 'resolved',
  outcome: 'mediated',
  handlingTier: 1,
  agreement,
  agreedFen: 200000,
  recoveredFen: 0,
  paymentPrompt: { instalmentId: 'i1', seq: 1, amountFen: 200000, dueDate: '2026-12-31' },
  paymentMissedAt: null,
  actions: ['rate', 'payment_received', 'payment_missed'],
});

describe('诉求详情 (worker): 只收到一部分', () => {
  it('asks how much came, refuses nonsense and more than the instalment, then sends receivedFen (only that counts as recovered)', async () => {
    const answered = { ...asking, recoveredFen: 50050, paymentPrompt: null, actions: ['rate' as const] };
    const { server, container } = await openDetail(asking, { '/api/claims/c1/payment': () => json(200, answered) });
    expect(screen.queryByTestId('claim-payment-partial-form')).toBeNull();
    fireEvent.click(screen.getByTestId('claim-payment-partial'));

    fireEvent.click(screen.getByTestId('claim-payment-partial-confirm'));
    expect(screen.getByTestId('claim-payment-partial-amount-error').textContent).toBe(PAYMENT_TEXT.partialBad);
    typeInto(container, 'claim-payment-partial-amount', '2000.01');
    fireEvent.click(screen.getByTestId('claim-payment-partial-confirm'));
    expect(screen.getByTestId('claim-payment-partial-amount-error').textContent).toBe('这一期约定 ¥2000，收到的不能比这多；全部收到请点“已收到”');
    expect(server.to('/api/claims/c1/payment')).toHaveLength(0);

    typeInto(container, 'claim-payment-partial-amount', '500.50');
    fireEvent.click(screen.getByTestId('claim-payment-partial-confirm'));
    await waitFor(() => expect(screen.getByTestId('claim-agreement-recovered').textContent).toBe('¥500.50'));
    const [req] = server.to('/api/claims/c1/payment');
    expect(req.data).toEqual({ instalmentId: 'i1', received: true, receivedFen: 50050 });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.queryByTestId('claim-payment-prompt')).toBeNull();
  });
});
