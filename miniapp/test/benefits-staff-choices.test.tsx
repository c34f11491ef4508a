import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CampaignCard } from '../src/components/campaign-card';
import CampaignEditPage from '../src/staff/pages/campaign-edit/index';
import { campaign } from './benefits-fixtures';
import { checkDraft, freshDraft } from '../src/staff/pages/campaign-edit/campaign-draft';
import RedemptionsPage from '../src/staff/pages/redemptions/index';
import SettlementPage from '../src/staff/pages/settlement/index';
import { fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const NOW = Date.parse('2026-12-10T02:00:00.000Z');
const officer = { ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] };
const admin = { ...worker, roles: [{ role: 'admin' as const, orgId: 'o0', orgCode: 'XM', orgName: '厦门市总工会' }] };
const merchantUser = { ...worker, roles: [{ role: 'merchant' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] };
const shop = (id: string, name: string) => ({ id, name, category: 'food', address: '中山路 1 号', district: '思明区', lat: 24.45, lng: 118.08, phone: null, org: { code: 'XM-SM', name: '思明区总工会' }, status: 'active', createdAt: '2026-12-01T00:00:00.000Z' });
const PREVIEW = { packValueFen: 2000, budgetFen: 200000, couponsPerPack: 1, couponsTotal: 100, eligibleMembers: 3, merchantCount: 2, errors: [] };
const query = (url: string) => new URL(url, 'http://x').searchParams;

describe('campaign draft: 劳模 and the proposing shop', () => {
  it('sends modelWorkersOnly only when chosen, and the shop of a merchant with several', () => {
    const d = { ...freshDraft(NOW), title: '劳模疗休养券' };
    expect(checkDraft(d, 'XM-SM').input).not.toHaveProperty('modelWorkersOnly');
    expect(checkDraft({ ...d, modelWorkersOnly: true }, 'XM-SM').input.modelWorkersOnly).toBe(true);
    expect(checkDraft(d, undefined, 'm2').input.merchantId).toBe('m2');
  });

  it('an opening time may carry seconds (H5 time input with step 1); minutes alone still work', () => {
    const d = { ...freshDraft(NOW), title: '秒级开抢' };
    expect(checkDraft({ ...d, opensAt: '2026-12-11 10:00:30' }, 'XM-SM').input.claimOpensAt).toBe('2026-12-11T02:00:30.000Z');
    expect(checkDraft({ ...d, opensAt: '2026-12-11 10:00' }, 'XM-SM').input.claimOpensAt).toBe('2026-12-11T02:00:00.000Z');
    expect(checkDraft({ ...d, opensAt: '2026-12-11 10:00:61' }, 'XM-SM').errors.map((e) => e.field)).toContain('claimOpensAt');
  });
});

describe('优惠 tab card', () => {
  it('says 劳模专享 on a 劳模-only campaign, and a member who is not one cannot claim it', () => {
    render(<CampaignCard campaign={campaign({ modelWorkersOnly: true, eligible: false, claimableByMe: 0 })} member offsetMs={0} busy={false} onClaim={() => undefined} onJoin={() => undefined} onOpened={() => undefined} />);
    expect(screen.getByTestId('campaign-card').textContent).toContain('劳模专享');
    expect(screen.getByTestId('campaign-card').getAttribute('data-button')).toBe('not_eligible');
  });
});

describe('优惠活动编辑: who and where', () => {
  it('an admin without an officer role picks the org; the 劳模 choice goes with the budget check', async () => {
    vi.setSystemTime(NOW);
    loggedIn(admin);
    vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const server = fakeServer((req) => {
      if (req.url.includes('/merchants/manage')) return json(200, { items: [], nextAfter: null });
      if (new URL(req.url, 'http://x').pathname === '/api/orgs') return json(200, { items: [{ code: 'XM-SM', name: '思明区总工会', level: 'district', parentName: '厦门市总工会' }] });
      if (req.url.endsWith('/campaigns/preview')) return json(200, PREVIEW);
      return json(404, {});
    });
    render(<CampaignEditPage />);
    expect(screen.getByTestId('campaign-org-chosen').textContent).toBe('还没有选择，请在下面搜索');
    typeInto(document.body, 'campaign-org-picker', '思明');
    fireEvent.click(await screen.findByTestId('campaign-org-picker-item-XM-SM'));
    expect(screen.getByTestId('campaign-org-chosen').textContent).toBe('思明区总工会');
    typeInto(document.body, 'campaign-title', '劳模疗休养券');
    const [, onlyModel] = screen.getAllByTestId('campaign-model-worker-mode-option');
    fireEvent.click(onlyModel);
    fireEvent.click(screen.getByTestId('campaign-check'));
    await screen.findByTestId('campaign-budget');
    expect(server.to('/campaigns/preview')[0].data).toMatchObject({ orgCode: 'XM-SM', modelWorkersOnly: true });
  });

  it('a merchant user with two shops chooses the one that proposes', async () => {
    vi.setSystemTime(NOW);
    loggedIn(merchantUser);
    vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const server = fakeServer((req) => {
      if (req.url.includes('/merchants/manage')) return json(200, { items: [shop('m1', '老王牛肉面'), shop('m2', '老王便利店')], nextAfter: null });
      if (req.url.endsWith('/campaigns/preview')) return json(200, PREVIEW);
      return json(404, {});
    });
    render(<CampaignEditPage />);
    const choices = await screen.findAllByTestId('campaign-shop-choices-option');
    expect(choices.map((c) => c.textContent)).toEqual(['老王牛肉面', '老王便利店']);
    fireEvent.click(choices[1]);
    typeInto(document.body, 'campaign-title', '便利店满30减5');
    fireEvent.click(screen.getByTestId('campaign-check'));
    await screen.findByTestId('campaign-budget');
    expect(server.to('/campaigns/preview')[0].data).toMatchObject({ merchantId: 'm2' });
    expect(screen.queryByTestId('campaign-org')).toBeNull();
  });

  it('a shop lookup that answers without a list (or fails) shows no shop choice and the editor still works', async () => {
    vi.setSystemTime(NOW);
    loggedIn(merchantUser);
    let answered = 0;
    const server = fakeServer((req) => {
      if (req.url.includes('/merchants/manage')) {
        answered += 1;
        return json(200, {});
      }
      if (req.url.endsWith('/campaigns/preview')) return json(200, PREVIEW);
      return json(404, {});
    });
    render(<CampaignEditPage />);
    await waitFor(() => expect(answered).toBe(1));
    typeInto(document.body, 'campaign-title', '便利店满30减5');
    fireEvent.click(screen.getByTestId('campaign-check'));
    await screen.findByTestId('campaign-budget');
    expect(screen.queryByTestId('campaign-shop-choices-option')).toBeNull();
    expect(server.to('/campaigns/preview')[0].data).not.toHaveProperty('merchantId');
  });
});

describe('filters', () => {
  it('an officer narrows the settlement to one merchant, and the Excel file follows', async () => {
    vi.setSystemTime(NOW);
    loggedIn(officer);
    const server = fakeServer((req) => {
      if (req.url.includes('/merchants/manage')) return json(200, { items: [shop('m1', '老王牛肉面'), shop('m2', '好邻居便利店')], nextAfter: null });
      const mid = query(req.url).get('merchantId');
      const all = [
        { merchant: { id: 'm1', name: '老王牛肉面' }, org: { code: 'XM-SM', name: '思明区总工会' }, month: '2026-12', redemptions: 2, orderTotalFen: 25700, discountTotalFen: 4000 },
        { merchant: { id: 'm2', name: '好邻居便利店' }, org: { code: 'XM-SM', name: '思明区总工会' }, month: '2026-12', redemptions: 1, orderTotalFen: 5000, discountTotalFen: 1000 },
      ];
      const rows = all.filter((r) => !mid || r.merchant.id === mid);
      return json(200, { month: '2026-12', rows, totals: { redemptions: rows.reduce((s, r) => s + r.redemptions, 0), orderTotalFen: 0, discountTotalFen: rows.reduce((s, r) => s + r.discountTotalFen, 0) } });
    });
    render(<SettlementPage />);
    await waitFor(() => expect(screen.getAllByTestId('settlement-row')).toHaveLength(2));
    const options = await screen.findAllByTestId('settlement-merchant-choices-option');
    expect(options.map((o) => o.textContent)).toEqual(['全部商户', '老王牛肉面', '好邻居便利店']);
    fireEvent.click(options[2]);
    await waitFor(() => expect(screen.getAllByTestId('settlement-row')).toHaveLength(1));
    expect(screen.getByTestId('settlement-merchant').textContent).toBe('好邻居便利店');
    expect(server.to('/api/benefits/settlement').map((r) => query(r.url).get('merchantId'))).toEqual([null, 'm2']);
  });

  it('a merchant sees no merchant filter', async () => {
    vi.setSystemTime(NOW);
    loggedIn(merchantUser);
    const server = fakeServer(() => json(200, { month: '2026-12', rows: [], totals: { redemptions: 0, orderTotalFen: 0, discountTotalFen: 0 } }));
    render(<SettlementPage />);
    await screen.findByTestId('settlement-empty');
    expect(screen.queryByTestId('settlement-merchant-filter')).toBeNull();
    expect(server.to('/merchants/manage')).toHaveLength(0);
  });

  it('the redemption list shows every month, or one month stepped back from this one', async () => {
    vi.setSystemTime(NOW);
    loggedIn(merchantUser);
    const server = fakeServer(() => json(200, { items: [], nextCursor: null }));
    render(<RedemptionsPage />);
    await screen.findByTestId('redemptions-empty');
    expect(screen.getByTestId('redemptions-empty').textContent).toBe('本店还没有核销记录');
    fireEvent.click(screen.getByTestId('redemptions-by-month'));
    await waitFor(() => expect(screen.getByTestId('redemptions-month').textContent).toBe('2026 年 12 月'));
    fireEvent.click(screen.getByTestId('redemptions-prev'));
    await waitFor(() => expect(screen.getByTestId('redemptions-empty').textContent).toBe('这个月没有核销记录'));
    expect(screen.getByTestId('redemptions-month').textContent).toBe('2026 年 11 月');
    fireEvent.click(screen.getByTestId('redemptions-all'));
    await waitFor(() => expect(server.to('/api/benefits/redemptions').map((r) => query(r.url).get('month'))).toEqual([null, '2026-12', '2026-11', null]));
  });
});
