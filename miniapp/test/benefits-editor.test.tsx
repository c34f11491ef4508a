import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import CampaignEditPage from '../src/staff/pages/campaign-edit/index';
import { checkDraft, freshDraft } from '../src/staff/pages/campaign-edit/campaign-draft';
import { fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const officer = { ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-MT', orgName: '美团厦门骑手联合工会' }] };
const NOW = Date.parse('2026-12-02T02:00:00.000Z');

describe('campaign draft → CampaignInput', () => {
  it('turns yuan into fen and Beijing times into instants; the default is valid once titled', () => {
    const d = { ...freshDraft(NOW), title: '五一骑手消费券' };
    const { input, errors } = checkDraft(d, 'XM-MT');
    expect(errors).toEqual([]);
    expect(input.items).toEqual([{ kind: 'threshold', thresholdFen: 10000, discountFen: 2000, percentOff: null, capFen: null, count: 1 }]);
    // Tomorrow 10:00 Beijing = 02:00 UTC.
    expect(input.claimOpensAt).toBe('2026-12-03T02:00:00.000Z');
    expect(input.claimClosesAt).toBe('2026-12-03T14:00:00.000Z');
    expect(input.orgCode).toBe('XM-MT');
    expect(input.merchantIds).toBe('all');
    // No occupation chosen: every member of the subtree; chosen ones are sent as the eligibility filter.
    expect(input).not.toHaveProperty('occupations');
    expect(checkDraft({ ...d, occupations: ['外卖配送员', '快递员'] }).input.occupations).toEqual(['外卖配送员', '快递员']);
  });

  it('names the field: discount ≥ threshold, fractional fen, a window ending before it starts, a missing merchant list', () => {
    const base = { ...freshDraft(NOW), title: '测试活动' };
    const fields = (d: typeof base) => Object.fromEntries(checkDraft(d).errors.map((e) => [e.field, e.message]));
    expect(fields({ ...base, lines: [{ ...base.lines[0], threshold: '20', discount: '20' }] })).toEqual({ 'items.0.discountFen': '减免金额须小于使用门槛' });
    expect(fields({ ...base, lines: [{ ...base.lines[0], discount: '0.005' }] })).toEqual({ 'items.0.discountFen': '请填写金额（元），最多两位小数' });
    expect(fields({ ...base, closesAt: base.opensAt })).toEqual({ claimClosesAt: '领取截止时间须晚于开抢时间' });
    expect(fields({ ...base, allMerchants: false, merchantIds: [] })).toEqual({ merchantIds: '请选择适用商户，或选择全部合作商户' });
    expect(fields({ ...base, stock: '-3' })).toEqual({ stock: '发放份数须为 1–1000000 的整数' });
  });
});

describe('优惠活动编辑', () => {
  it('shows errors at their fields and sends nothing; then the budget before the publish button', async () => {
    vi.setSystemTime(NOW);
    loggedIn(officer);
    vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    const server = fakeServer((req) => {
      if (req.url.includes('/merchants/manage')) return json(200, { items: [], nextAfter: null });
      if (req.url.endsWith('/campaigns/preview')) return json(200, { packValueFen: 2000, budgetFen: 200000, couponsPerPack: 1, couponsTotal: 100, eligibleMembers: 12, merchantCount: 3, errors: [] });
      return json(404, {});
    });
    render(<CampaignEditPage />);
    typeInto(document.body, 'campaign-line-0-threshold', '20');
    typeInto(document.body, 'campaign-line-0-discount', '20');
    fireEvent.click(screen.getByTestId('campaign-check'));
    expect(screen.getByTestId('campaign-title-error').textContent).toBe('标题须为 2–30 个字');
    expect(screen.getByTestId('campaign-line-0-discount-error').textContent).toBe('减免金额须小于使用门槛');
    expect(server.to('/campaigns/preview')).toHaveLength(0);
    expect(screen.queryByTestId('campaign-publish')).toBeNull();

    typeInto(document.body, 'campaign-title', '五一骑手消费券');
    typeInto(document.body, 'campaign-line-0-threshold', '100');
    fireEvent.click(screen.getByTestId('campaign-check'));
    expect((await screen.findByTestId('campaign-budget-total')).textContent).toBe('¥2000');
    expect(screen.getByTestId('campaign-publish').textContent).toBe('确认发布（预算 ¥2000）');
    expect(server.to('/campaigns/preview')[0].data).toMatchObject({ title: '五一骑手消费券', stock: 100, items: [{ thresholdFen: 10000, discountFen: 2000 }] });

    // Changing anything hides the budget again: it is checked once more before publishing.
    typeInto(document.body, 'campaign-stock', '200');
    expect(screen.queryByTestId('campaign-publish')).toBeNull();
    expect(screen.getByTestId('campaign-check')).toBeTruthy();
  });
});
