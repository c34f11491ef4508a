import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import AuditPage from '../src/staff/pages/audit/index';
import { OrgQrcode as WeappOrgQrcode } from '../src/staff/components/org-qrcode.weapp';
import Taro from '@tarojs/taro';
import { fakeServer, json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn, worker } from './support/session';

const admin = { ...worker, id: 'me', roles: [{ role: 'admin' as const, orgId: 'o-xm', orgCode: 'XM', orgName: '厦门市总工会' }] };
// 10:00 on 25 November in Beijing.
const NOW = new Date('2026-11-25T02:00:00.000Z');

const entry = (id: string, over: object = {}) => ({
  id, at: '2026-11-24T06:30:00.000Z', action: 'grant', actionLabel: '授予角色',
  actor: { id: 'u-a', role: 'admin', orgName: '厦门市总工会', nickname: null, mobileMasked: '138****0001' },
  subject: { userId: 'u-s', masked: '139****0002' }, object: { type: 'user_role', id: 'g1' }, org: { id: 'o-sm', code: 'XM-SM', name: '思明区总工会' }, requestId: 'r1', detail: null, ...over,
});
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

describe('审计日志 (admins)', () => {
  it('opens on the last 7 days, newest first; filters by action, period and mobiles; pages on with the cursor', async () => {
    loggedIn(admin);
    const s = fakeServer((req) =>
      query(req.url).cursor ? json(200, { items: [entry('e3', { actor: null, action: 'grant.attach', actionLabel: '邀请生效（被邀请人首次短信登录）' })], nextCursor: null }) : json(200, { items: [entry('e1'), entry('e2')], nextCursor: 'c1' }),
    );
    render(<AuditPage />);
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(2));
    // From 00:00 Beijing six days before today.
    expect(query(s.requests[0].url)).toEqual({ from: '2026-11-18T16:00:00.000Z' });
    expect(screen.getAllByTestId('audit-actor')[0].textContent).toBe('138****0001 · 市总管理员 · 厦门市总工会');
    expect(screen.getAllByTestId('audit-entry')[0].textContent).toContain('被处理人：139****0002');

    fireEvent.click(screen.getByTestId('audit-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(3));
    expect(query(s.requests[1].url)).toEqual({ from: '2026-11-18T16:00:00.000Z', cursor: 'c1' });
    expect(screen.getAllByTestId('audit-actor')[2].textContent).toBe('系统');
    expect(screen.queryByTestId('audit-more')).toBeNull();

    fireEvent.click(within(screen.getByTestId('audit-action')).getByText('撤销角色'));
    fireEvent.click(within(screen.getByTestId('audit-period')).getByText('今天'));
    typeInto(document.body, 'audit-actor-mobile', '1380000');
    fireEvent.click(screen.getByTestId('audit-search'));
    expect(screen.getByTestId('audit-actor-mobile-error').textContent).toBe('请输入 11 位手机号，或留空');
    expect(s.requests).toHaveLength(2);
    typeInto(document.body, 'audit-actor-mobile', '13800000001');
    typeInto(document.body, 'audit-subject-mobile', '13900000002');
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(s.requests).toHaveLength(3));
    expect(query(s.requests[2].url)).toEqual({ action: 'revoke', from: '2026-11-24T16:00:00.000Z', actorMobile: '13800000001', subjectMobile: '13900000002' });

    fireEvent.click(within(screen.getByTestId('audit-period')).getByText('全部'));
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(s.requests).toHaveLength(4));
    expect(query(s.requests[3].url).from).toBeUndefined();
  });
});

describe('the join QR code on WeChat', () => {
  it('保存到相册 downloads the image and saves it; a refusal says to long-press instead', async () => {
    const download = vi.spyOn(Taro, 'downloadFile').mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/qr.png' } as never);
    const save = vi.spyOn(Taro, 'saveImageToPhotosAlbum').mockResolvedValueOnce({ errMsg: 'ok' } as never).mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<WeappOrgQrcode code='XM-SM' name='思明区总工会' />);
    const image = screen.getByTestId('org-qrcode-image');
    expect((image.querySelector('img') ?? image).getAttribute('src')).toBe('/api/orgs/XM-SM/qrcode');
    fireEvent.click(screen.getByTestId('org-qrcode-save'));
    await waitFor(() => expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' })));
    expect(download).toHaveBeenCalledWith({ url: '/api/orgs/XM-SM/qrcode' });
    expect(save).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/qr.png' });
    fireEvent.click(screen.getByTestId('org-qrcode-save'));
    await screen.findByText('没能保存，请长按二维码保存，或在相册权限中允许保存');
  });
});
