import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import StaffClaimsPage from '../src/staff/pages/claims/index';
import StaffClaimPage from '../src/staff/pages/claim/index';
import { ASSIGN_TEXT } from '../src/staff/pages/claim/assign-panel';
import { RESOLVE_TEXT } from '../src/staff/pages/claim/resolve-panel';
import type { Claim } from '../src/services/claims';
import { claimEvent, claimsApi, makeClaim, navigation, officer } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';

const working = makeClaim({
  status: 'in_progress',
  assigneeId: 'o1',
  mediationDueAt: '2026-11-27T15:59:59.000Z',
  actions: ['reply', 'note', 'assign', 'escalate', 'transfer', 'resolve'],
  timeline: [
    claimEvent('submitted', { note: '已提交，由思明区总工会负责办理' }),
    claimEvent('accept', { toStatus: 'accepted' }),
    claimEvent('note', { note: '站点负责人电话 0592-1234567', visibleToWorker: false }),
  ],
});

async function openClaim(claim: Claim, routes: Record<string, Route> = {}) {
  loggedIn(officer);
  withParams({ id: claim.id });
  const server = claimsApi({ [`/api/claims/${claim.id}`]: () => json(200, claim), ...routes });
  const view = render(<StaffClaimPage />);
  await screen.findByTestId('staff-claim');
  return { server, container: view.container };
}

const staffActions = () => screen.queryAllByTestId(/^staff-action-/).map((el) => el.getAttribute('data-testid'));

afterEach(resetParams);

describe('staff 诉求办理: queue', () => {
  it('tabs 我承办的 / 本组织 / 已超期 query the queue; 加载更多 follows the cursor; rows show deadline and 已超期', async () => {
    loggedIn(officer);
    const server = claimsApi({
      '/api/claims': (req) => {
        const q = new URL(req.url, 'http://x').searchParams;
        if (q.get('cursor') === 'next-page') return json(200, { items: [makeClaim({ id: 'c3', number: 'SQ2026000003' })], nextCursor: null });
        if (q.get('overdue') === 'true') return json(200, { items: [makeClaim({ id: 'c9', overdue: true })], nextCursor: null });
        if (q.get('assignee') === 'me') return json(200, { items: [makeClaim({ id: 'c1', number: 'SQ2026000001' })], nextCursor: null });
        return json(200, { items: [makeClaim({ id: 'c1', number: 'SQ2026000001' }), makeClaim({ id: 'c2', number: 'SQ2026000002' })], nextCursor: 'next-page' });
      },
    });
    const { navigate } = navigation();
    render(<StaffClaimsPage />);
    await screen.findByText('SQ2026000001');
    expect(server.requests[0].url).toContain('assignee=me');
    expect(screen.queryByTestId('staff-claims-more')).toBeNull();

    fireEvent.click(screen.getByTestId('staff-claims-tab-org'));
    await screen.findByText('SQ2026000002');
    expect(server.requests[1].url).toBe('/api/claims');
    fireEvent.click(screen.getByTestId('staff-claims-more'));
    await screen.findByText('SQ2026000003');
    expect(server.requests[2].url).toContain('cursor=next-page');
    expect(screen.getAllByTestId('staff-claims-item')).toHaveLength(3);

    fireEvent.click(screen.getByTestId('staff-claims-tab-overdue'));
    await waitFor(() => expect(screen.getAllByTestId('staff-claims-item')).toHaveLength(1));
    expect(server.requests[3].url).toContain('overdue=true');
    const row = screen.getByTestId('staff-claims-item');
    expect(row.querySelector('[data-testid=staff-claims-item-overdue]')?.textContent).toBe('已超期');
    expect(row.textContent).toContain('受理期限');
    fireEvent.click(row);
    expect(navigate).toHaveBeenCalledWith({ url: '/staff/pages/claim/index?id=c9' });
  });

  it('本组织 shows the server order (overdue first) across pages without re-sorting; overdue rows are marked', async () => {
    loggedIn(officer);
    const late = makeClaim({ id: 'c5', number: 'SQ2026000005', overdue: true, submittedAt: '2026-11-20T06:00:00.000Z' });
    const fresh = makeClaim({ id: 'c8', number: 'SQ2026000008', submittedAt: '2026-11-23T08:00:00.000Z' });
    const older = makeClaim({ id: 'c2', number: 'SQ2026000002', status: 'accepted', mediationDueAt: '2026-11-30T15:59:59.000Z', submittedAt: '2026-11-19T06:00:00.000Z' });
    claimsApi({
      '/api/claims': (req) => {
        const q = new URL(req.url, 'http://x').searchParams;
        if (q.get('assignee') === 'me') return json(200, { items: [], nextCursor: null });
        return q.get('cursor') ? json(200, { items: [older], nextCursor: null }) : json(200, { items: [late, fresh], nextCursor: 'deadline-cursor-1' });
      },
    });
    render(<StaffClaimsPage />);
    await screen.findByTestId('staff-claims-empty');
    fireEvent.click(screen.getByTestId('staff-claims-tab-org'));
    await screen.findByText('SQ2026000005');
    expect(screen.getByTestId('staff-claims-intro').textContent).toContain('已超期的排在最前');
    fireEvent.click(screen.getByTestId('staff-claims-more'));
    await screen.findByText('SQ2026000002');
    const rows = screen.getAllByTestId('staff-claims-item');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['c5', 'c8', 'c2']);
    expect(rows.map((r) => Boolean(r.querySelector('[data-testid=staff-claims-item-overdue]')))).toEqual([true, false, false]);
    expect(rows[0].classList.contains('claim-summary--overdue')).toBe(true);
  });

  it('workers without a staff role get the no-access notice and no request', () => {
    loggedIn(worker);
    const server = claimsApi({});
    render(<StaffClaimsPage />);
    expect(screen.getByTestId('staff-no-access')).toBeTruthy();
    expect(server.requests).toHaveLength(0);
  });
});

describe('staff 诉求办理: one claim', () => {
  it('shows the full timeline with internal notes marked 内部, and only the actions in `actions`', async () => {
    await openClaim(working);
    const internal = screen.getAllByTestId('claim-event').filter((e) => e.querySelector('[data-testid=claim-event-internal]'));
    expect(internal).toHaveLength(1);
    expect(internal[0].textContent).toContain('站点负责人电话');
    expect(internal[0].textContent).toContain('内部');
    expect(staffActions()).toEqual(['staff-action-resolve', 'staff-action-reply', 'staff-action-note', 'staff-action-assign', 'staff-action-escalate', 'staff-action-transfer']);
  });

  it('受理 posts accept with an Idempotency-Key; the new state comes from the answer', async () => {
    const submitted = makeClaim({ actions: ['accept', 'note', 'assign', 'escalate'] });
    const accepted = makeClaim({ status: 'accepted', mediationDueAt: '2026-11-27T15:59:59.000Z', actions: ['reply', 'note', 'assign', 'escalate', 'transfer', 'resolve'] });
    const { server } = await openClaim(submitted, { '/api/claims/c1/accept': () => json(200, accepted) });
    expect(staffActions()).toEqual(['staff-action-accept', 'staff-action-note', 'staff-action-assign', 'staff-action-escalate']);
    fireEvent.click(screen.getByTestId('staff-action-accept'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已受理'));
    expect(server.to('/api/claims/c1/accept')[0].header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByTestId('claim-summary').textContent).toContain('调解期限');
  });

  it('the resolve form sends the amount recovered in fen, the outcome code and the summary', async () => {
    const done = { ...working, status: 'resolved' as const, actions: ['note' as const], outcome: 'mediated', amountRecoveredFen: 350000 };
    const { server, container } = await openClaim(working, { '/api/claims/c1/resolve': () => json(200, done) });
    fireEvent.click(screen.getByTestId('staff-action-resolve'));
    expect(screen.getAllByTestId('staff-resolve-outcome-option').map((el) => el.textContent)).toEqual(['调解成功', '调解未成功', '已转交其他部门']);
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    expect(screen.getByTestId('staff-resolve-error').textContent).toBe(RESOLVE_TEXT.pickOutcome);
    fireEvent.click(screen.getByText('调解成功'));
    typeInto(container, 'staff-resolve-amount', '3500.555');
    typeInto(container, 'staff-resolve-summary', '经调解，站点同意补发工资');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    expect(screen.getByTestId('staff-resolve-error').textContent).toBe(RESOLVE_TEXT.badAmount);
    typeInto(container, 'staff-resolve-amount', '3500');
    expect(screen.getByTestId('staff-resolve-amount-preview').textContent).toBe('将记为 ¥3500');
    fireEvent.click(screen.getByTestId('staff-resolve-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已办结，待评价'));
    const [req] = server.to('/api/claims/c1/resolve');
    expect(req.data).toEqual({ outcome: 'mediated', amountRecoveredFen: 350000, summary: '经调解，站点同意补发工资' });
    expect(req.header['Idempotency-Key']).toBeTruthy();
    expect(screen.queryByTestId('staff-resolve-panel')).toBeNull();
  });

  it('转交 needs a department from TRANSFER_DEPARTMENTS; 内部备注 posts to /notes', async () => {
    const { server, container } = await openClaim(working, {
      '/api/claims/c1/transfer': () => json(200, { ...working, status: 'transferred', actions: ['note'] }),
      '/api/claims/c1/notes': () => json(200, working),
    });
    fireEvent.click(screen.getByTestId('staff-action-note'));
    typeInto(container, 'staff-note-panel-text', '已电话联系');
    fireEvent.click(screen.getByTestId('staff-note-panel-submit'));
    await waitFor(() => expect(server.to('/api/claims/c1/notes')).toHaveLength(1));
    expect(server.to('/api/claims/c1/notes')[0].data).toEqual({ text: '已电话联系' });

    await waitFor(() => expect(screen.queryByTestId('staff-note-panel')).toBeNull());
    fireEvent.click(screen.getByTestId('staff-action-transfer'));
    typeInto(container, 'staff-transfer-panel-text', '涉及工伤认定');
    fireEvent.click(screen.getByTestId('staff-transfer-panel-submit'));
    expect(screen.getByTestId('staff-transfer-panel-error').textContent).toBe('请选择转交部门');
    fireEvent.click(screen.getByText('劳动人事争议仲裁委员会'));
    fireEvent.click(screen.getByTestId('staff-transfer-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已转交其他部门'));
    expect(server.to('/api/claims/c1/transfer')[0].data).toEqual({ department: 'arbitration', note: '涉及工伤认定' });
  });

  it('CLAIM_STATE_CHANGED is shown plainly with 刷新, which reloads the claim', async () => {
    let current: Claim = working;
    const { server, container } = await openClaim(working, {
      '/api/claims/c1': () => json(200, current),
      '/api/claims/c1/reply': () => errorReply(409, 'CLAIM_STATE_CHANGED', '诉求刚被他人处理过，请刷新后重试'),
    });
    fireEvent.click(screen.getByTestId('staff-action-reply'));
    typeInto(container, 'staff-reply-panel-text', '已联系站点');
    fireEvent.click(screen.getByTestId('staff-reply-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain('诉求刚被他人处理过，请刷新后重试'));
    current = { ...working, status: 'resolved', actions: ['note'] };
    fireEvent.click(screen.getByTestId('claim-action-refresh'));
    await waitFor(() => expect(screen.getByTestId('claim-summary-status').textContent).toBe('已办结，待评价'));
    expect(server.to('/api/claims/c1').length).toBe(2);
    expect(staffActions()).toEqual(['staff-action-note']);
  });

  it('a retry after a lost answer reuses the Idempotency-Key of that action', async () => {
    let calls = 0;
    const { server, container } = await openClaim(working, {
      '/api/claims/c1/reply': () => (++calls === 1 ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用') : json(200, { ...working, timeline: [...working.timeline, claimEvent('reply', { note: '已联系站点' })] })),
    });
    fireEvent.click(screen.getByTestId('staff-action-reply'));
    typeInto(container, 'staff-reply-panel-text', '已联系站点');
    fireEvent.click(screen.getByTestId('staff-reply-panel-submit'));
    await screen.findByTestId('claim-action-error');
    fireEvent.click(screen.getByTestId('staff-reply-panel-submit'));
    await waitFor(() => expect(screen.getAllByTestId('claim-event')).toHaveLength(4));
    const keys = server.to('/api/claims/c1/reply').map((r) => r.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('staff 诉求办理: 指定承办人', () => {
  const team = [
    { id: 'o1', displayName: '陈干事', openClaims: 4 },
    { id: 'o2', displayName: '林干事', openClaims: 1 },
    { id: 'o3', displayName: '黄干事', openClaims: 0 },
  ];
  const rows = () => screen.getAllByTestId('staff-assignee');

  it('lists the org officers with their open claims, marks the current one, and posts the one picked with an Idempotency-Key', async () => {
    const reassigned = { ...working, assigneeId: 'o2', timeline: [...working.timeline, claimEvent('assign', { visibleToWorker: false, note: '指定承办人', data: { assigneeId: 'o2' } })] };
    const { server } = await openClaim(working, {
      '/api/claims/c1/assignees': () => json(200, team),
      '/api/claims/c1/assign': () => json(200, reassigned),
    });
    expect(server.to('/api/claims/c1/assignees')).toHaveLength(0); // fetched only when the panel opens
    fireEvent.click(screen.getByTestId('staff-action-assign'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.textContent)).toEqual(['陈干事' + ASSIGN_TEXT.current, '林干事在办 1 件', '黄干事暂无在办']);

    fireEvent.click(screen.getByTestId('staff-assign-submit'));
    expect(screen.getByTestId('staff-assign-error').textContent).toBe(ASSIGN_TEXT.pick);
    fireEvent.click(rows()[0]); // the current assignee cannot be picked again
    expect(rows()[0].getAttribute('aria-checked')).toBe('false');
    fireEvent.click(rows()[1]);
    expect(rows()[1].getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByTestId('staff-assign-error')).toBeNull();
    fireEvent.click(screen.getByTestId('staff-assign-submit'));

    await waitFor(() => expect(screen.queryByTestId('staff-assign-panel')).toBeNull());
    const [req] = server.to('/api/claims/c1/assign');
    expect(req.method).toBe('POST');
    expect(req.data).toEqual({ assigneeId: 'o2' });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getAllByTestId('claim-event').some((e) => e.getAttribute('data-kind') === 'assign')).toBe(true);
  });

  it('a refusal from the server (assignee not an officer of that org) is shown and the panel stays open', async () => {
    await openClaim(working, {
      '/api/claims/c1/assignees': () => json(200, team),
      '/api/claims/c1/assign': () => errorReply(400, 'VALIDATION_FAILED', '提交的信息有误', [{ field: 'assigneeId', message: '承办人必须是负责该诉求的工会的干部' }]),
    });
    fireEvent.click(screen.getByTestId('staff-action-assign'));
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.click(rows()[2]);
    fireEvent.click(screen.getByTestId('staff-assign-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain('承办人必须是负责该诉求的工会的干部'));
    expect(screen.getByTestId('staff-assign-panel')).toBeTruthy();
  });

  it('a failed list load offers 重试; an org with nobody else says so and cannot confirm', async () => {
    let calls = 0;
    const { server } = await openClaim(working, {
      '/api/claims/c1/assignees': () => (++calls === 1 ? errorReply(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试') : json(200, [team[0]])),
    });
    fireEvent.click(screen.getByTestId('staff-action-assign'));
    await screen.findByTestId('staff-assign-load-error');
    fireEvent.click(screen.getByTestId('staff-assign-retry'));
    await screen.findByTestId('staff-assign-none');
    expect(rows()).toHaveLength(1);
    expect(screen.getByTestId('staff-assign-submit').classList.contains('nut-button-disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('staff-assign-submit'));
    expect(server.to('/api/claims/c1/assign')).toHaveLength(0);
  });

  it('no 指定承办人 without the assign action', async () => {
    await openClaim({ ...working, actions: ['note'] });
    expect(screen.queryByTestId('staff-action-assign')).toBeNull();
  });
});
