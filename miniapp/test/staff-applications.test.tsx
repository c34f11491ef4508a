import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES, REJECT_REASONS } from '@nuanxin/shared';
import { describe, expect, it } from 'vitest';
import ApplicationsPage from '../src/staff/pages/applications/index';
import { ITEM_TEXT } from '../src/staff/pages/applications/application-item';
import { errorReply, fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const officer = { ...worker, roles: [{ role: 'officer' as const, orgId: 'o1', orgCode: 'XM-SM', orgName: '思明区总工会' }] };

const app = (id: string, name: string) => ({
  id,
  kind: 'join',
  status: 'pending',
  org: { code: 'XM-ELM', name: '饿了么厦门站点联合工会' },
  name,
  mobileMasked: '138****5678',
  idNumberMasked: '3502**********1234',
  employer: '饿了么',
  occupation: '外卖配送员',
  city: '厦门市',
  transferReason: null,
  submittedAt: '2026-11-23T06:00:00.000Z',
  decidedAt: null,
  autoDecided: false,
  decisionReason: null,
});

function api(pages: Record<string, { items: unknown[]; nextCursor: string | null }>) {
  return fakeServer((req) => {
    if (req.url.includes('/reject')) return json(200, { ...app('a1', '李明'), status: 'rejected', decisionReason: (req.data as { reason: string }).reason });
    if (req.url.includes('/approve')) return json(200, { application: { ...app('a2', '王强'), status: 'approved' }, card: { memberNo: 'XM2026000009' } });
    const cursor = new URL(req.url, 'http://x').searchParams.get('cursor') ?? '';
    return json(200, pages[cursor]);
  });
}

const item = (name: string) => screen.getAllByTestId('application-item').find((el) => el.textContent?.includes(name))!;

describe('staff 入会审批', () => {
  it('lists pending applications with masked mobile and ID number, and pages with 加载更多', async () => {
    loggedIn(officer);
    const server = api({
      '': { items: [app('a1', '李明'), app('a2', '王强')], nextCursor: 'cursor-page-2' },
      'cursor-page-2': { items: [app('a3', '张伟')], nextCursor: null },
    });
    render(<ApplicationsPage />);
    await screen.findByText('李明');
    expect(server.requests[0].url).toContain('status=pending');
    expect(item('李明').textContent).toContain('138****5678');
    expect(item('李明').textContent).toContain('3502**********1234');
    expect(item('李明').textContent).toContain('饿了么厦门站点联合工会');
    fireEvent.click(screen.getByTestId('applications-more'));
    await screen.findByText('张伟');
    expect(server.requests[1].url).toContain('cursor=cursor-page-2');
    expect(screen.queryByTestId('applications-more')).toBeNull();
  });

  it('不通过 needs a reason: confirming without one sends nothing; with a preset and a note it sends both', async () => {
    loggedIn(officer);
    const server = api({ '': { items: [app('a1', '李明'), app('a2', '王强')], nextCursor: null } });
    const { container } = render(<ApplicationsPage />);
    await screen.findByText('李明');
    fireEvent.click(item('李明').querySelector('[data-testid=application-reject]')!);
    fireEvent.click(screen.getByTestId('application-reject-confirm'));
    expect((await screen.findByTestId('application-reason-error')).textContent).toBe(ITEM_TEXT.reasonRequired);
    expect(server.requests.filter((r) => r.url.includes('/reject'))).toHaveLength(0);

    fireEvent.click(screen.getByText(REJECT_REASONS[0]));
    typeInto(container, 'application-reject-panel', '请核对姓名');
    fireEvent.click(screen.getByTestId('application-reject-confirm'));
    await waitFor(() => expect(screen.queryByText('李明')).toBeNull());
    const [req] = server.requests.filter((r) => r.url.includes('/reject'));
    expect(req.url).toMatch(/\/api\/memberships\/applications\/a1\/reject$/);
    expect(req.data).toEqual({ reason: `${REJECT_REASONS[0]}；请核对姓名` });
    expect(screen.getByTestId('applications-notice').textContent).toContain('已驳回');
    expect(screen.getByText('王强')).toBeTruthy();
  });

  it('通过 approves and the item leaves the list with the new member number', async () => {
    loggedIn(officer);
    const server = api({ '': { items: [app('a2', '王强')], nextCursor: null } });
    render(<ApplicationsPage />);
    await screen.findByText('王强');
    fireEvent.click(screen.getByTestId('application-approve'));
    await screen.findByTestId('applications-empty');
    expect(server.requests.some((r) => r.url.endsWith('/api/memberships/applications/a2/approve') && r.method === 'POST')).toBe(true);
    expect(screen.getByTestId('applications-notice').textContent).toContain('XM2026000009');
  });

  it('an application someone else already decided leaves the list with a notice', async () => {
    loggedIn(officer);
    fakeServer((req) =>
      req.url.includes('/approve') ? errorReply(409, 'APPLICATION_NOT_PENDING', ERROR_MESSAGES.APPLICATION_NOT_PENDING) : json(200, { items: [app('a2', '王强')], nextCursor: null }),
    );
    render(<ApplicationsPage />);
    await screen.findByText('王强');
    fireEvent.click(screen.getByTestId('application-approve'));
    await screen.findByTestId('applications-empty');
    expect(screen.getByTestId('applications-notice').textContent).toContain('已被处理');
  });

  it('a worker without the officer role sees no list', () => {
    loggedIn(worker);
    fakeServer(() => json(200, { items: [], nextCursor: null }));
    render(<ApplicationsPage />);
    expect(screen.getByTestId('staff-no-access')).toBeTruthy();
  });
});
