import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@nuanxin/shared';
import { describe, expect, it, vi } from 'vitest';
import TransferPage from '../src/pages/card/transfer';
import { errorReply, fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn } from './support/session';

const HLL = { code: 'XM-HLL', name: '货拉拉厦门分公司工会', level: 'enterprise', parentName: '集美区杏林街道总工会', autoApprove: false };

describe('会员转移', () => {
  it('finds the target org, needs a reason, submits once with an Idempotency-Key and links to the progress', async () => {
    loggedIn();
    const server = fakeServer((req) =>
      req.url.endsWith('/api/orgs/XM-HLL')
        ? json(200, HLL)
        : json(201, { application: { id: 't1', kind: 'transfer', status: 'pending', org: { code: 'XM-HLL', name: HLL.name } }, card: null }),
    );
    const redirect = vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
    const { container } = render(<TransferPage />);
    typeInto(container, 'transfer-org-code', ' XM-HLL ');
    fireEvent.click(screen.getByTestId('transfer-find'));
    expect((await screen.findByTestId('transfer-org-name')).textContent).toBe(HLL.name);

    fireEvent.click(screen.getByTestId('transfer-submit'));
    expect((await screen.findByTestId('transfer-reason-error')).textContent).toContain('请填写转移原因');
    typeInto(container, 'transfer-reason', '换到货拉拉跑车');
    fireEvent.click(screen.getByTestId('transfer-submit'));
    await screen.findByTestId('transfer-result');
    const [req] = server.requests.filter((r) => r.url.endsWith('/api/memberships/transfers'));
    expect(req.data).toEqual({ toOrgCode: 'XM-HLL', reason: '换到货拉拉跑车' });
    expect(req.header['Idempotency-Key']).toBeTruthy();
    expect(screen.getByText('转移申请已提交')).toBeTruthy();
    fireEvent.click(screen.getByTestId('transfer-goto-status'));
    expect(redirect).toHaveBeenCalledWith({ url: '/pages/join/status?id=t1' });
  });

  it('finds the target org by name; 更换 goes back to the search', async () => {
    loggedIn();
    const server = fakeServer((req) =>
      req.url.includes('/api/orgs?') ? json(200, { items: [HLL] }) : req.url.endsWith('/api/orgs/XM-HLL') ? json(200, HLL) : json(404, {}),
    );
    const { container } = render(<TransferPage />);
    typeInto(container, 'transfer-org-picker', '货拉拉');
    fireEvent.click(await screen.findByTestId('transfer-org-picker-item-XM-HLL'));
    expect((await screen.findByTestId('transfer-org-name')).textContent).toBe(HLL.name);
    expect(new URL(server.requests[0].url, 'http://x').searchParams.get('q')).toBe('货拉拉');
    expect(screen.queryByTestId('transfer-org-picker')).toBeNull();
    fireEvent.click(screen.getByTestId('transfer-org-change'));
    expect(screen.getByTestId('transfer-org-picker')).toBeTruthy();
    expect(screen.getByTestId('transfer-submit').classList.contains('nut-button-disabled')).toBe(true);
  });

  it('a typed code is looked up exactly as typed: codes are case-sensitive', async () => {
    loggedIn();
    const server = fakeServer(() => errorReply(404, 'ORG_NOT_FOUND', ERROR_MESSAGES.ORG_NOT_FOUND));
    const { container } = render(<TransferPage />);
    typeInto(container, 'transfer-org-code', 'xm-hll');
    fireEvent.click(screen.getByTestId('transfer-find'));
    expect((await screen.findByTestId('transfer-org-code-error')).textContent).toBe(ERROR_MESSAGES.ORG_NOT_FOUND);
    expect(server.requests.map((r) => r.url.replace(/^.*\/api/, '/api'))).toEqual(['/api/orgs/xm-hll']);
  });

  it('TRANSFER_SAME_ORG is shown plainly', async () => {
    loggedIn();
    fakeServer((req) => (req.url.endsWith('/api/orgs/XM-HLL') ? json(200, HLL) : errorReply(409, 'TRANSFER_SAME_ORG', ERROR_MESSAGES.TRANSFER_SAME_ORG)));
    const { container } = render(<TransferPage />);
    typeInto(container, 'transfer-org-code', 'XM-HLL');
    fireEvent.click(screen.getByTestId('transfer-find'));
    await screen.findByTestId('transfer-org');
    typeInto(container, 'transfer-reason', '换平台了');
    fireEvent.click(screen.getByTestId('transfer-submit'));
    await waitFor(() => expect(screen.getByTestId('transfer-error').textContent).toBe(ERROR_MESSAGES.TRANSFER_SAME_ORG));
  });
});
