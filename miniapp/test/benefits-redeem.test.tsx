import { fireEvent, render, screen } from '@testing-library/react';
import { ERROR_MESSAGES, makeCouponCode } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import RedeemPage from '../src/staff/pages/redeem/index';
import { preview, receipt } from './benefits-fixtures';
import { errorReply, fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const merchant = { ...worker, roles: [{ role: 'merchant' as const, orgId: 'o1', orgCode: 'XM-MT', orgName: '美团厦门骑手联合工会' }] };
const GOOD = makeCouponCode('12345678901');
/** The same code with two neighbours swapped: the check digit catches it. */
const SWAPPED = GOOD.slice(0, 3) + GOOD[4] + GOOD[3] + GOOD.slice(5);
const codeInput = () => screen.getByTestId('redeem-code').querySelector('input') as HTMLInputElement;

function till(routes: { preview?: () => ReturnType<typeof json>; redeem?: () => ReturnType<typeof json> } = {}) {
  return fakeServer((req) => {
    if (req.url.includes('/merchants/manage')) return json(200, { items: [], nextAfter: null });
    if (req.url.endsWith('/redemptions/preview')) return routes.preview?.() ?? json(200, preview());
    if (req.url.endsWith('/redemptions') && req.method === 'POST') return routes.redeem?.() ?? json(201, receipt());
    if (req.url.endsWith('/undo')) return json(200, receipt({ undoneAt: new Date().toISOString() }));
    return json(404, {});
  });
}

describe('优惠核销 (the till)', () => {
  it('groups the typed code 4-4-4 and refuses a code failing its check digit without asking the server', async () => {
    loggedIn(merchant);
    const server = till();
    render(<RedeemPage />);
    typeInto(document.body, 'redeem-code', SWAPPED);
    expect(codeInput().value).toBe(`${SWAPPED.slice(0, 4)} ${SWAPPED.slice(4, 8)} ${SWAPPED.slice(8)}`);
    fireEvent.click(screen.getByTestId('redeem-look'));
    expect(screen.getByTestId('redeem-code-error').textContent).toBe('券号有误，请核对 12 位数字后重新输入');
    expect(server.to('/redemptions/preview')).toHaveLength(0);
  });

  it('code → preview (masked name, threshold) → amount in yuan → confirm → receipt → undo', async () => {
    loggedIn(merchant);
    const server = till();
    render(<RedeemPage />);
    typeInto(document.body, 'redeem-code', GOOD);
    fireEvent.click(screen.getByTestId('redeem-look'));
    await screen.findByTestId('redeem-preview');
    expect(server.to('/redemptions/preview')[0].data).toEqual({ code: GOOD });
    expect(screen.getByTestId('redeem-member').textContent).toBe('李*');
    expect(screen.getByTestId('redeem-threshold').textContent).toBe('订单满 ¥100 可用');

    // Below the threshold: said at the field, nothing sent.
    typeInto(document.body, 'redeem-amount', '99.99');
    fireEvent.click(screen.getByTestId('redeem-next'));
    expect(screen.getByTestId('redeem-amount-error').textContent).toBe('订单金额未达到使用门槛（满 ¥100）');
    typeInto(document.body, 'redeem-amount', '12.345');
    fireEvent.click(screen.getByTestId('redeem-next'));
    expect(screen.getByTestId('redeem-amount-error').textContent).toBe('请输入订单金额，最多两位小数');

    typeInto(document.body, 'redeem-amount', '128.5');
    fireEvent.click(screen.getByTestId('redeem-next'));
    expect(screen.getByTestId('redeem-discount').textContent).toBe('-¥20');
    expect(screen.getByTestId('redeem-pay').textContent).toBe('¥108.50');
    expect(server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/redemptions'))).toHaveLength(0);

    fireEvent.click(screen.getByTestId('redeem-submit'));
    await screen.findByTestId('redeem-receipt');
    const sent = server.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/redemptions'));
    expect(sent[0].data).toEqual({ code: GOOD, orderFen: 12850 });
    expect(sent[0].header['Idempotency-Key']).toBeTruthy();

    fireEvent.click(screen.getByTestId('redeem-undo'));
    await screen.findByText('已撤销，这张券已退回给会员');
    expect(screen.queryByTestId('redeem-undo')).toBeNull();
  });

  it('a coupon already used (a second till) is refused with the clear message, the page stays usable', async () => {
    loggedIn(merchant);
    till({ redeem: () => errorReply(409, 'COUPON_ALREADY_REDEEMED', ERROR_MESSAGES.COUPON_ALREADY_REDEEMED) });
    render(<RedeemPage />);
    typeInto(document.body, 'redeem-code', GOOD);
    fireEvent.click(screen.getByTestId('redeem-look'));
    await screen.findByTestId('redeem-preview');
    typeInto(document.body, 'redeem-amount', '100');
    fireEvent.click(screen.getByTestId('redeem-next'));
    fireEvent.click(screen.getByTestId('redeem-submit'));
    expect((await screen.findByTestId('redeem-notice')).textContent).toBe(ERROR_MESSAGES.COUPON_ALREADY_REDEEMED);
    expect(screen.getByTestId('redeem-page').getAttribute('data-step')).toBe('confirm');
  });

  it('a preview that is not redeemable here says why and offers another coupon, no amount field', async () => {
    loggedIn(merchant);
    till({ preview: () => json(200, preview({ redeemable: false, refusal: 'COUPON_WRONG_MERCHANT' })) });
    render(<RedeemPage />);
    typeInto(document.body, 'redeem-code', GOOD);
    fireEvent.click(screen.getByTestId('redeem-look'));
    expect((await screen.findByTestId('redeem-refusal')).textContent).toBe(ERROR_MESSAGES.COUPON_WRONG_MERCHANT);
    expect(screen.queryByTestId('redeem-amount')).toBeNull();
    fireEvent.click(screen.getByTestId('redeem-again'));
    expect(screen.getByTestId('redeem-page').getAttribute('data-step')).toBe('lookup');
  });

  it('is only for merchant users, and asks the server nothing for anyone else (no 403 in the console)', async () => {
    const master = { ...worker, roles: [{ role: 'station_master' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] };
    for (const user of [worker, master]) {
      loggedIn(user);
      const server = till();
      const { unmount } = render(<RedeemPage />);
      expect(screen.getByTestId('staff-no-access')).toBeTruthy();
      // The page's effects have run by now (render flushes them); a lookup would already be on the wire.
      expect(server.requests.filter((r) => r.url.includes('/merchants/'))).toEqual([]);
      unmount();
    }
  });
});
