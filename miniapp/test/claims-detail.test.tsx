import Taro from '@tarojs/taro';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ClaimDetailPage, { DETAIL_TEXT } from '../src/pages/claims/detail';
import MyClaimsPage from '../src/pages/claims/index';
import type { Claim } from '../src/services/claims';
import { claimEvent, claimsApi, makeClaim, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn } from './support/session';

const ACTION_IDS = ['claim-action-message', 'claim-action-withdraw', 'claim-action-rate', 'claim-action-reopen'];

async function openDetail(claim: Claim, routes: Record<string, Route> = {}) {
  loggedIn();
  withParams({ id: claim.id });
  const server = claimsApi({ [`/api/claims/${claim.id}`]: () => json(200, claim), ...routes });
  const view = render(<ClaimDetailPage />);
  await screen.findByTestId('claim-detail');
  return { server, container: view.container };
}

const shownActions = () => ACTION_IDS.filter((id) => screen.queryByTestId(id));

const resolved = makeClaim({
  status: 'resolved',
  actions: ['rate'],
  outcome: 'mediated',
  amountRecoveredFen: 350000,
  outcomeSummary: '站点同意补发工资',
  resolvedAt: '2026-11-25T06:00:00.000Z',
  timeline: [
    claimEvent('submitted', { note: '已提交，由思明区总工会负责办理' }),
    claimEvent('accept', { note: '思明区总工会已受理，将在 3 个工作日内完成调解', toStatus: 'accepted' }),
    claimEvent('reply', { note: '已联系站点负责人', toStatus: 'in_progress' }),
    claimEvent('resolve', { note: '站点同意补发工资', toStatus: 'resolved', data: { outcome: 'mediated', amountRecoveredFen: 350000 } }),
  ],
});

afterEach(resetParams);

describe('诉求详情 (worker)', () => {
  it('shows the summary, the deadline that applies and the timeline with who did what', async () => {
    await openDetail(resolved);
    expect(screen.getByTestId('claim-summary-number').textContent).toBe('SQ2026000123');
    expect(screen.getByTestId('claim-summary-status').textContent).toBe('已办结，待评价');
    expect(screen.getByTestId('claim-summary-org').textContent).toBe('思明区总工会');
    expect(screen.queryByTestId('claim-summary-deadline')).toBeNull(); // resolved: no deadline runs
    const events = screen.getAllByTestId('claim-event');
    expect(events.map((e) => e.querySelector('[data-testid=claim-event-label]')?.textContent)).toEqual(['提交诉求', '受理', '答复', '办结']);
    expect(events[0].textContent).toContain('· 我');
    expect(events[1].textContent).toContain('· 工会');
    expect(events[3].querySelector('[data-testid=claim-event-detail]')?.textContent).toBe('调解成功 · 追回金额 ¥3500');
    expect(screen.getByTestId('claim-recovered').textContent).toBe('¥3500');
  });

  it('shows only the actions in `actions`: a submitted claim offers 补充说明 and 撤回', async () => {
    await openDetail(makeClaim());
    expect(shownActions()).toEqual(['claim-action-message', 'claim-action-withdraw']);
    expect(screen.queryByTestId('claim-reopen-rule')).toBeNull();
  });

  it('a resolved claim offers only 评价; 5 stars are sent with an Idempotency-Key and the answer replaces the page', async () => {
    const closed = { ...resolved, status: 'closed' as const, actions: [], ratingScore: 5, timeline: [...resolved.timeline, claimEvent('rate', { data: { score: 5 }, toStatus: 'closed' })] };
    const { server } = await openDetail(resolved, { '/api/claims/c1/rating': () => json(200, closed) });
    expect(shownActions()).toEqual(['claim-action-rate']);
    fireEvent.click(screen.getByTestId('claim-action-rate'));
    fireEvent.click(screen.getByTestId('claim-rating-submit'));
    expect(screen.getByTestId('claim-rating-error')).toBeTruthy(); // pick a score first
    fireEvent.click(screen.getByTestId('claim-star-5'));
    fireEvent.click(screen.getByTestId('claim-rating-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已关闭'));
    const [req] = server.to('/api/claims/c1/rating');
    expect(req.data).toEqual({ score: 5 });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(shownActions()).toEqual([]);
    expect(screen.getByTestId('claim-rating').textContent).toContain('5 星');
  });

  it('重新办理 appears only when canReopen, with the rule explained', async () => {
    const lowRated = { ...resolved, status: 'closed' as const, ratingScore: 2, actions: ['reopen' as const], canReopen: true };
    const reopened = { ...lowRated, status: 'reopened' as const, actions: ['message' as const, 'withdraw' as const], canReopen: false, reopenCount: 1 };
    const { server } = await openDetail(lowRated, { '/api/claims/c1/reopen': () => json(200, reopened) });
    expect(shownActions()).toEqual(['claim-action-reopen']);
    expect(screen.getByTestId('claim-reopen-rule').textContent).toBe(DETAIL_TEXT.reopenRule);
    expect(DETAIL_TEXT.reopenRule).toContain('2 分及以下');
    expect(DETAIL_TEXT.reopenRule).toContain('7 天内');
    expect(DETAIL_TEXT.reopenRule).toContain('限一次');
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('claim-action-reopen'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已重新办理'));
    expect(modal).toHaveBeenCalled();
    expect(server.to('/api/claims/c1/reopen')[0].header['Idempotency-Key']).toBeTruthy();
    expect(screen.queryByTestId('claim-reopen-rule')).toBeNull();
  });

  it('a closed claim rated 4 (no canReopen) shows no actions and no reopen rule', async () => {
    await openDetail({ ...resolved, status: 'closed', ratingScore: 4, actions: [], canReopen: false });
    expect(shownActions()).toEqual([]);
    expect(screen.queryByTestId('claim-reopen-rule')).toBeNull();
  });

  it('撤回 asks first: cancelling sends nothing, confirming sends POST …/withdraw', async () => {
    const withdrawn = makeClaim({ status: 'withdrawn', actions: [] });
    const { server } = await openDetail(makeClaim(), { '/api/claims/c1/withdraw': () => json(200, withdrawn) });
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('claim-action-withdraw'));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(server.to('/api/claims/c1/withdraw')).toHaveLength(0);
    modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('claim-action-withdraw'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已撤回'));
    expect(server.to('/api/claims/c1/withdraw')).toHaveLength(1);
  });

  it('补充说明 sends the text; a refusal because the claim moved on is shown plainly with 刷新', async () => {
    let state = makeClaim();
    const { server, container } = await openDetail(state, {
      '/api/claims/c1': () => json(200, state),
      '/api/claims/c1/messages': () => errorReply(409, 'CLAIM_ACTION_NOT_ALLOWED', '当前状态「已撤回」下不能执行此操作'),
    });
    fireEvent.click(screen.getByTestId('claim-action-message'));
    typeInto(container, 'claim-message-panel-text', '站长答应月底结清');
    fireEvent.click(screen.getByTestId('claim-message-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain('当前状态「已撤回」下不能执行此操作'));
    expect(server.to('/api/claims/c1/messages')[0].data).toEqual({ text: '站长答应月底结清' });
    state = makeClaim({ status: 'withdrawn', actions: [] });
    fireEvent.click(screen.getByTestId('claim-action-refresh'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已撤回'));
    expect(screen.queryByTestId('claim-action-error')).toBeNull();
    expect(shownActions()).toEqual([]);
  });

  it('photos are fetched with the bearer token (downloadFile) and shown', async () => {
    const download = vi.spyOn(Taro, 'downloadFile').mockImplementation(((option: Taro.downloadFile.Option) =>
      Promise.resolve({ statusCode: 200, tempFilePath: `blob:${option.url}`, errMsg: 'downloadFile:ok' })) as unknown as typeof Taro.downloadFile);
    await openDetail(makeClaim({ attachmentIds: ['p1', 'p2'] }));
    await waitFor(() => expect(screen.getAllByTestId('claim-photo-image')).toHaveLength(2));
    expect(download.mock.calls[0][0]).toMatchObject({ url: '/api/claims/attachments/p1', header: { Authorization: 'Bearer access-1' } });
  });

  it('the employer and its union: both when a station was named, the union once when not', async () => {
    const union = { code: 'XM-MT', name: '美团厦门骑手联合工会' };
    const first = await openDetail(makeClaim({ employerOrg: union, employerName: '美团湖里站' }));
    expect(screen.getByTestId('claim-employer-value').textContent).toBe('美团湖里站');
    expect(screen.getByTestId('claim-employer-org-value').textContent).toBe('美团厦门骑手联合工会');
    first.container.remove();
    cleanup();

    await openDetail(makeClaim({ employerOrg: union, employerName: union.name }));
    expect(screen.queryByTestId('claim-employer-value')).toBeNull();
    expect(screen.getByTestId('claim-employer-org-value').textContent).toBe('美团厦门骑手联合工会');
  });

  it('a missing claim says so', async () => {
    loggedIn();
    withParams({ id: 'nope' });
    claimsApi({ '/api/claims/nope': () => errorReply(404, 'NOT_FOUND', ERROR_MESSAGES.NOT_FOUND) });
    render(<ClaimDetailPage />);
    expect((await screen.findByTestId('claim-load-error')).textContent).toContain(ERROR_MESSAGES.NOT_FOUND);
  });
});

describe('我的诉求 (list)', () => {
  it('lists claims with category, status, org and the next deadline; 已超期 and the Monday–Friday estimate are marked', async () => {
    loggedIn();
    const list = [
      makeClaim({ id: 'c1', overdue: true, deadlineEstimated: true }),
      makeClaim({ id: 'c2', number: 'SQ2026000124', category: 'injury', status: 'accepted', mediationDueAt: '2026-11-27T15:59:59.000Z', org: { code: 'XM-MT', name: '美团厦门骑手联合工会' } }),
      makeClaim({ id: 'c3', status: 'closed' }),
    ];
    claimsApi({ '/api/claims/mine': () => json(200, list) });
    const { navigate } = navigation();
    render(<MyClaimsPage />);
    await screen.findAllByTestId('claims-item');
    const [first, second, third] = screen.getAllByTestId('claims-item');
    expect(first.textContent).toContain('欠薪');
    expect(first.textContent).toContain('待受理');
    expect(first.textContent).toContain('受理期限');
    expect(first.querySelector('[data-testid=claims-item-deadline]')?.textContent).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(first.querySelector('[data-testid=claims-item-estimated]')?.textContent).toBe('预计');
    expect(first.querySelector('[data-testid=claims-item-estimated-hint]')).toBeNull(); // lists keep the badge only
    expect(first.querySelector('[data-testid=claims-item-overdue]')?.textContent).toBe('已超期');
    expect(second.textContent).toContain('工伤/交通事故');
    expect(second.textContent).toContain('调解期限');
    expect(second.textContent).toContain('美团厦门骑手联合工会');
    expect(second.querySelector('[data-testid=claims-item-overdue]')).toBeNull();
    expect(second.querySelector('[data-testid=claims-item-estimated]')).toBeNull();
    expect(third.querySelector('[data-testid=claims-item-deadline]')).toBeNull();
    fireEvent.click(second);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/claims/detail?id=c2' });
  });

  it('预计 follows the flag of the deadline shown (firstResponseEstimated / mediationEstimated), else deadlineEstimated', async () => {
    loggedIn();
    const list = [
      // Accepted in late December: the acceptance deadline was on the official calendar, mediation runs into an unpublished year.
      makeClaim({ id: 'c1', status: 'accepted', mediationDueAt: '2027-01-05T15:59:59.000Z', deadlineEstimated: true, firstResponseEstimated: false, mediationEstimated: true }),
      makeClaim({ id: 'c2', status: 'submitted', deadlineEstimated: true, firstResponseEstimated: false, mediationEstimated: true }),
      makeClaim({ id: 'c3', status: 'submitted', deadlineEstimated: true }),
      makeClaim({ id: 'c4', status: 'accepted', mediationDueAt: '2026-11-27T15:59:59.000Z', deadlineEstimated: false }),
    ];
    claimsApi({ '/api/claims/mine': () => json(200, list) });
    render(<MyClaimsPage />);
    await screen.findAllByTestId('claims-item');
    const marked = screen.getAllByTestId('claims-item').map((row) => [row.querySelector('[data-testid=claims-item-deadline]')?.previousElementSibling?.textContent, Boolean(row.querySelector('[data-testid=claims-item-estimated]'))]);
    expect(marked).toEqual([
      ['调解期限', true],
      ['受理期限', false],
      ['受理期限', true],
      ['调解期限', false],
    ]);
  });

  it('the detail explains 预计 under the deadline', async () => {
    await openDetail(makeClaim({ firstResponseEstimated: true, deadlineEstimated: true }));
    expect(screen.getByTestId('claim-summary-estimated').textContent).toBe('预计');
    expect(screen.getByTestId('claim-summary-estimated-hint').textContent).toContain('按周一至周五估算');
  });

  it('a resolved claim offers its stars in the list: star 4 opens the detail with 4 chosen, scrolled to the panel, one tap from sending', async () => {
    loggedIn();
    const list = [makeClaim({ id: 'c1' }), { ...resolved, id: 'c7' }];
    claimsApi({ '/api/claims/mine': () => json(200, list) });
    const { navigate } = navigation();
    render(<MyClaimsPage />);
    await screen.findAllByTestId('claims-item');
    expect(screen.getAllByTestId('claims-item-rate')).toHaveLength(1); // only the claim whose actions allow rating
    fireEvent.click(screen.getByTestId('claims-item-rate-star-4'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/pages/claims/detail?id=c7&rate=4' });
    cleanup();

    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    withParams({ id: 'c7', rate: '4' });
    const closed = { ...resolved, id: 'c7', status: 'closed' as const, ratingScore: 4, actions: [] };
    const server = claimsApi({ '/api/claims/c7': () => json(200, { ...resolved, id: 'c7' }), '/api/claims/c7/rating': () => json(200, closed) });
    render(<ClaimDetailPage />);
    await screen.findByTestId('claim-rating-panel');
    expect(screen.getByTestId('claim-star-4').getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '#claim-rating-panel' })));
    fireEvent.click(screen.getByTestId('claim-rating-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已关闭'));
    expect(server.to('/api/claims/c7/rating')[0].data).toEqual({ score: 4 });
  });

  it('a rate= link on a claim that can no longer be rated opens the plain detail; a bad score is ignored', async () => {
    const scroll = vi.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' });
    withParams({ id: 'c1', rate: '5' });
    loggedIn();
    claimsApi({ '/api/claims/c1': () => json(200, makeClaim({ status: 'closed', actions: [] })) });
    render(<ClaimDetailPage />);
    await screen.findByTestId('claim-detail');
    expect(screen.queryByTestId('claim-rating-panel')).toBeNull();
    cleanup();

    withParams({ id: 'c7', rate: '9' });
    claimsApi({ '/api/claims/c7': () => json(200, { ...resolved, id: 'c7' }) });
    render(<ClaimDetailPage />);
    await screen.findByTestId('claim-detail');
    expect(screen.queryByTestId('claim-rating-panel')).toBeNull();
    expect(scroll).not.toHaveBeenCalled();
  });

  it('empty: says so and offers 我有事办', async () => {
    loggedIn();
    claimsApi({ '/api/claims/mine': () => json(200, []) });
    const { navigate } = navigation();
    render(<MyClaimsPage />);
    await screen.findByTestId('claims-empty');
    fireEvent.click(screen.getByTestId('claims-create'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/claims/new' });
  });
});
