import { fireEvent, render, screen } from '@testing-library/react';
import type { CampaignDetail } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import CampaignsPage from '../src/staff/pages/campaigns/index';
import { campaign } from './benefits-fixtures';
import { fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const officer = { ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-MT', orgName: '美团厦门骑手联合工会' }] };

function proposal(over: Partial<CampaignDetail> = {}): CampaignDetail {
  return {
    ...campaign({ state: 'upcoming', stateLabel: '即将开抢' }),
    description: '',
    status: 'pending_approval',
    statusLabel: '待审批',
    validity: { mode: 'days', days: 30 },
    occupations: [],
    merchantScope: 'list',
    merchants: [{ id: 'm1', name: '老王牛肉面', address: '中山路 88 号' }],
    budgetFen: 200000,
    proposedBy: { id: 'm1', name: '老王牛肉面', address: '中山路 88 号' },
    rejectReason: null,
    actions: ['publish', 'reject'],
    createdAt: '2026-12-01T02:00:00.000Z',
    publishedAt: null,
    serverTime: '2026-12-02T02:00:00.000Z',
    ...over,
  };
}

describe('优惠活动 (approval of merchant proposals)', () => {
  it('待审批 asks for the queue; 通过并发布 publishes with a key and the item shows its new state', async () => {
    loggedIn(officer);
    const server = fakeServer((req) => {
      if (req.url.endsWith('/publish')) return json(200, proposal({ status: 'published', statusLabel: '已发布', actions: ['close'], publishedAt: '2026-12-02T02:00:00.000Z' }));
      return json(200, { items: [proposal()], nextCursor: null });
    });
    render(<CampaignsPage />);
    await screen.findByTestId('campaigns-item');
    expect(screen.getByText('商户提议：老王牛肉面')).toBeTruthy();
    fireEvent.click(screen.getAllByTestId('campaigns-filter-option')[1]);
    await screen.findByTestId('campaigns-item');
    expect(server.to('/api/benefits/campaigns/manage').map((r) => new URL(r.url, 'http://x').searchParams.get('status'))).toEqual([null, 'pending_approval']);

    fireEvent.click(screen.getByTestId('campaigns-publish'));
    await screen.findByTestId('campaigns-close');
    const sent = server.to('/api/benefits/campaigns/c1/publish');
    expect(sent).toHaveLength(1);
    expect(sent[0].header['Idempotency-Key']).toBeTruthy();
    expect(screen.getByTestId('campaigns-item-status').textContent).toBe('即将开抢');
  });

  it('驳回 needs a reason the merchant will read; nothing is sent without one', async () => {
    loggedIn(officer);
    const server = fakeServer((req) => {
      if (req.url.endsWith('/reject')) return json(200, proposal({ status: 'rejected', statusLabel: '未通过', rejectReason: '面值超出预算', actions: [] }));
      return json(200, { items: [proposal()], nextCursor: null });
    });
    render(<CampaignsPage />);
    fireEvent.click(await screen.findByTestId('campaigns-reject'));
    fireEvent.click(screen.getByTestId('campaigns-reject'));
    expect(screen.getByTestId('campaigns-reject-reason-error').textContent).toBe('请填写驳回理由');
    expect(server.to('/reject')).toHaveLength(0);
    typeInto(document.body, 'campaigns-reject-reason', '面值超出预算');
    fireEvent.click(screen.getByTestId('campaigns-reject'));
    await screen.findByText('未通过：面值超出预算');
    expect(server.to('/api/benefits/campaigns/c1/reject')[0].data).toEqual({ reason: '面值超出预算' });
  });
});
