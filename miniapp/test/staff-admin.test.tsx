import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StaffHomePage from '../src/staff/pages/home/index';
import OrgsPage from '../src/staff/pages/orgs/index';
import StaffPage from '../src/staff/pages/staff/index';
import OrgImportPage from '../src/staff/pages/org-import/index';
import StationNewPage from '../src/staff/pages/station-new/index';
import { checkPoint } from '../src/staff/pages/station-new/station-form-rules';
import type { OrgNode } from '../src/services/admin';
import { errorReply, fakeServer, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';

const officer = { ...worker, id: 'me', roles: [{ role: 'officer' as const, orgId: 'o-sm', orgCode: 'XM-SM', orgName: '思明区总工会' }] };
const admin = { ...worker, id: 'me', roles: [{ role: 'admin' as const, orgId: 'o-xm', orgCode: 'XM', orgName: '厦门市总工会' }] };

const node = (over: Partial<OrgNode>): OrgNode => ({
  id: 'o-sm', code: 'XM-SM', name: '思明区总工会', level: 'district', parentId: null, depth: 1,
  autoApprove: false, catchAll: false, isMediationCentre: false, active: true, mediationWorkdays: null, ...over,
});
const tree = [
  node({}),
  node({ id: 'o-jl', code: 'XM-SM-JL', name: '嘉莲街道总工会', level: 'street', parentId: 'o-sm', depth: 2 }),
  node({ id: 'o-zx', code: 'XM-SM-ZX', name: '中华街道总工会', level: 'street', parentId: 'o-sm', depth: 2, autoApprove: true }),
];
const confirm = (answer: boolean) => vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: answer, cancel: !answer, errMsg: 'showModal:ok' });
const chip = (group: string, label: string) => fireEvent.click(within(screen.getByTestId(group)).getByText(label));
const writes = (s: ReturnType<typeof fakeServer>, method: string) => s.requests.filter((r) => r.method === method);

afterEach(resetParams);

describe('staff home: the administration tools by role', () => {
  it('officers get the tree, staff and one station; only admins get the import and the audit log', () => {
    loggedIn(officer);
    const { unmount } = render(<StaffHomePage />);
    for (const id of ['orgs', 'staff', 'station-new']) expect(screen.getByTestId(`staff-tool-${id}`)).toBeTruthy();
    expect(screen.queryByTestId('staff-tool-org-import')).toBeNull();
    expect(screen.queryByTestId('staff-tool-audit')).toBeNull();
    unmount();
    loggedIn(admin);
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<StaffHomePage />);
    fireEvent.click(screen.getByTestId('staff-tool-org-import'));
    fireEvent.click(screen.getByTestId('staff-tool-audit'));
    expect(navigate.mock.calls.map(([o]) => o.url)).toEqual(['/staff/pages/org-import/index', '/staff/pages/audit/index']);
    expect(screen.queryByText(/^组织管理：/)).toBeNull(); // no longer listed as coming
  });

  it('a worker opening an administration page gets the no-access page and no request', () => {
    loggedIn(worker);
    const s = fakeServer(() => json(200, []));
    for (const Page of [OrgsPage, StaffPage, OrgImportPage, StationNewPage]) {
      const { unmount } = render(<Page />);
      expect(screen.getByTestId('staff-no-access')).toBeTruthy();
      unmount();
    }
    expect(s.requests).toHaveLength(0);
  });
});

describe('组织管理: the org tree', () => {
  function treeServer() {
    let nodes = [...tree];
    return fakeServer((req) => {
      if (req.method === 'PATCH') {
        const code = req.url.split('/').pop();
        nodes = nodes.map((n) => (n.code === code ? { ...n, ...(req.data as object) } : n));
        return json(200, nodes.find((n) => n.code === code));
      }
      if (req.method === 'POST') return json(201, node({ id: 'o-new', parentId: 'o-jl', depth: 3, ...(req.data as object) }));
      if (req.url.endsWith('/api/orgs/XM-SM/subtree')) return json(200, nodes);
      return errorReply(404, 'ORG_NOT_FOUND', '找不到该组织');
    });
  }

  it('browses down and back up the tree, with each org’s join code and staff entry', async () => {
    loggedIn(officer);
    const s = treeServer();
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<OrgsPage />);
    await screen.findByTestId('orgs-page');
    expect(s.requests[0].url).toMatch(/\/api\/orgs\/XM-SM\/subtree$/);
    expect(screen.getByTestId('orgs-current').textContent).toBe('思明区总工会');
    expect(screen.getAllByTestId('orgs-child').map((r) => r.textContent)).toEqual(['嘉莲街道总工会XM-SM-JL · 街道（镇）工会', '中华街道总工会XM-SM-ZX · 街道（镇）工会 · 自动审核']);
    fireEvent.click(screen.getAllByTestId('orgs-child')[0]);
    expect(screen.getByTestId('orgs-current').textContent).toBe('嘉莲街道总工会');
    expect(screen.getAllByTestId('orgs-crumb').map((c) => c.textContent)).toEqual(['思明区总工会', '嘉莲街道总工会']);
    expect(screen.getByTestId('orgs-no-children')).toBeTruthy();
    expect(screen.getByTestId('org-qrcode-download').getAttribute('href')).toBe('/api/orgs/XM-SM-JL/qrcode');
    expect(screen.getByTestId('org-qrcode-download').getAttribute('download')).toBe('XM-SM-JL.png');
    fireEvent.click(screen.getByTestId('orgs-staff'));
    expect(navigate).toHaveBeenCalledWith({ url: '/staff/pages/staff/index?orgCode=XM-SM-JL' });
    fireEvent.click(screen.getAllByTestId('orgs-crumb')[0]);
    expect(screen.getByTestId('orgs-current').textContent).toBe('思明区总工会');
  });

  it('switches save on tap; the mediation days are checked before they are sent; the name saves with its button', async () => {
    loggedIn(officer);
    const s = treeServer();
    render(<OrgsPage />);
    await screen.findByTestId('orgs-page');
    expect(screen.queryByTestId('org-settings-workdays')).toBeNull();
    fireEvent.click(screen.getByTestId('org-settings-mediation'));
    await screen.findByTestId('org-settings-workdays');
    expect(screen.getByTestId('org-settings-mediation').getAttribute('data-on')).toBe('true');
    for (const bad of ['0', '31', '45']) {
      typeInto(document.body, 'org-settings-workdays', bad);
      fireEvent.click(screen.getByTestId('org-settings-save-workdays'));
      expect(screen.getByTestId('org-settings-workdays-error').textContent).toBe('调解期限应为 1–30 的整数');
    }
    expect(writes(s, 'PATCH').map((r) => r.data)).toEqual([{ isMediationCentre: true }]);
    typeInto(document.body, 'org-settings-workdays', '5');
    fireEvent.click(screen.getByTestId('org-settings-save-workdays'));
    await waitFor(() => expect(writes(s, 'PATCH')).toHaveLength(2));
    typeInto(document.body, 'org-settings-name', '思明区总工会（新）');
    fireEvent.click(screen.getByTestId('org-settings-rename'));
    await waitFor(() => expect(screen.getByTestId('orgs-current').textContent).toBe('思明区总工会（新）'));
    expect(writes(s, 'PATCH').map((r) => r.data)).toEqual([{ isMediationCentre: true }, { mediationWorkdays: 5 }, { name: '思明区总工会（新）' }]);
    expect(writes(s, 'PATCH').every((r) => r.url.endsWith('/api/orgs/XM-SM'))).toBe(true);
  });

  it('a child org: checked in the form, offered only lower levels, sent once with an Idempotency-Key, then listed', async () => {
    loggedIn(officer);
    withParams({ code: 'XM-SM-JL' });
    const s = treeServer();
    render(<OrgsPage />);
    await screen.findByTestId('orgs-page');
    fireEvent.click(screen.getByTestId('orgs-create'));
    // Under a street only the enterprise level remains, chosen already.
    expect(within(screen.getByTestId('org-create-level')).getAllByRole('radio').map((r) => r.textContent)).toEqual(['企业（平台）工会']);
    typeInto(document.body, 'org-create-code', '嘉莲 快递');
    fireEvent.click(screen.getByTestId('org-create-submit'));
    expect(screen.getByTestId('org-create-code-error').textContent).toBe('组织编码应为 1–32 位字母、数字、_ 或 -');
    expect(screen.getByTestId('org-create-name-error').textContent).toBe('组织名称应为 2–100 个字');
    expect(writes(s, 'POST')).toHaveLength(0);
    typeInto(document.body, 'org-create-code', 'XM-SM-JL-KD');
    typeInto(document.body, 'org-create-name', '嘉莲快递行业工会');
    fireEvent.click(screen.getByTestId('org-create-submit'));
    await waitFor(() => expect(screen.getAllByTestId('orgs-child').map((r) => r.textContent)).toEqual(['嘉莲快递行业工会XM-SM-JL-KD · 企业（平台）工会']));
    const [post] = writes(s, 'POST');
    expect(post.data).toEqual({ parentCode: 'XM-SM-JL', code: 'XM-SM-JL-KD', name: '嘉莲快递行业工会', level: 'enterprise', autoApprove: false });
    expect(post.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('工作人员: the staff of an org', () => {
  const staffList = {
    org: { code: 'XM-SM', name: '思明区总工会', level: 'district' },
    grants: [
      { id: 'g-me', userId: 'me', nickname: null, mobileMasked: '138****0001', role: 'officer', station: null, merchantId: null, createdAt: '2026-11-01T00:00:00.000Z' },
      { id: 'g-2', userId: 'u2', nickname: '小王', mobileMasked: '139****0002', role: 'station_master', station: { id: 's1', code: 'ST-SM-01', name: '中山路驿站' }, merchantId: null, createdAt: '2026-11-02T00:00:00.000Z' },
    ],
    invitations: [{ id: 'i-1', mobileMasked: '137****0003', role: 'officer', station: null, merchantId: null, createdAt: '2026-11-03T00:00:00.000Z' }],
  };
  const staffServer = (grant = json(201, { status: 'invited', grant: null, invitation: null })) =>
    fakeServer((req) => {
      if (req.method === 'DELETE') return { status: 204 };
      if (req.method === 'POST') return grant;
      if (req.url.includes('/api/admin/staff')) return json(200, staffList);
      return json(200, { items: [], nextAfter: null });
    });

  it('lists masked mobiles and roles; no revoke on your own grant; revoke and withdraw only after a confirm', async () => {
    loggedIn(officer);
    withParams({ orgCode: 'XM-SM' });
    const s = staffServer();
    render(<StaffPage />);
    await screen.findByTestId('staff-page');
    expect(s.requests[0].url).toMatch(/\/api\/admin\/staff\?orgCode=XM-SM$/);
    expect(screen.getAllByTestId('staff-grant').map((g) => g.textContent)).toEqual(['138****0001（你）工会干部', '139****0002驿站站长 · 中山路驿站撤销']);
    expect(screen.getByTestId('staff-invitation').textContent).toBe('137****0003工会干部撤回');
    const modal = confirm(false);
    fireEvent.click(screen.getByTestId('staff-revoke'));
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '撤销授权', content: expect.stringContaining('139****0002 的「驿站站长」') });
    expect(writes(s, 'DELETE')).toHaveLength(0);
    modal.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('staff-revoke'));
    await waitFor(() => expect(writes(s, 'DELETE')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('staff-cancel'));
    await waitFor(() => expect(writes(s, 'DELETE')).toHaveLength(2));
    expect(writes(s, 'DELETE').map((r) => r.url.replace(/^.*\/api/, '/api'))).toEqual(['/api/admin/grants/g-2', '/api/admin/invitations/i-1']);
    // Each change reloads the list.
    await waitFor(() => expect(s.to('/api/admin/staff')).toHaveLength(3));
  });

  it('the invite form checks the mobile, the role and the station before sending; an officer is invited on this org', async () => {
    loggedIn(officer);
    const s = staffServer();
    render(<StaffPage />);
    await screen.findByTestId('staff-page');
    // Officers are not offered the admin role.
    expect(within(screen.getByTestId('invite-role')).getAllByRole('radio').map((r) => r.textContent)).toEqual(['工会干部', '驿站站长', '商户']);
    typeInto(document.body, 'invite-mobile', '1380000');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(screen.getByTestId('invite-mobile-error').textContent).toBe('请输入 11 位手机号');
    expect(screen.getByTestId('invite-role-error').textContent).toBe('请选择角色');
    chip('invite-role', '驿站站长');
    typeInto(document.body, 'invite-mobile', '13800001111');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(screen.getByTestId('invite-station-error').textContent).toBe('请选择驿站');
    expect(writes(s, 'POST')).toHaveLength(0);
    chip('invite-role', '工会干部');
    expect(screen.getByTestId('invite-scope').textContent).toBe('范围：本组织：思明区总工会');
    fireEvent.click(screen.getByTestId('invite-submit'));
    await waitFor(() => expect(writes(s, 'POST')).toHaveLength(1));
    expect(writes(s, 'POST')[0].data).toEqual({ mobile: '13800001111', role: 'officer', orgCode: 'XM-SM' });
    expect(writes(s, 'POST')[0].header['Idempotency-Key']).toBeTruthy();
  });

  it('a refusal about a field the form does not show appears under the button', async () => {
    loggedIn(admin);
    withParams({ orgCode: 'XM' });
    staffServer(errorReply(400, 'VALIDATION_FAILED', '提交的内容有误', [{ field: 'orgCode', message: '管理员只能授予在市总工会（最上级组织）上' }]));
    render(<StaffPage />);
    await screen.findByTestId('staff-page');
    typeInto(document.body, 'invite-mobile', '13800001111');
    chip('invite-role', '工会干部');
    fireEvent.click(screen.getByTestId('invite-submit'));
    await waitFor(() => expect(screen.getByTestId('invite-error').textContent).toBe('管理员只能授予在市总工会（最上级组织）上'));
  });
});

describe('导入组织架构: check, then apply', () => {
  const result = (dryRun: boolean) => ({ dryRun, created: 2, updated: 0, unchanged: 0, rejected: 1, errors: [{ line: 4, field: 'parentCode', message: '找不到上级组织 XM-NOPE' }] });

  it('the check is a dry run with per-row errors; 导入 waits for a check of the same text and a confirm', async () => {
    loggedIn(admin);
    const s = fakeServer((req) => json(200, result((req.data as { dryRun: boolean }).dryRun)));
    const modal = confirm(true);
    render(<OrgImportPage />);
    fireEvent.click(screen.getByTestId('org-import-check'));
    expect(screen.getByTestId('org-import-csv-error').textContent).toBe('请先选择文件或粘贴 CSV 内容');
    const csv = 'code,name,level,parentCode\nXM-HL,湖里区总工会,district,XM\nXM-JM,集美区总工会,district,XM\nXM-X,错,street,XM-NOPE';
    typeInto(document.body, 'org-import-csv', csv);
    expect(screen.getByTestId('org-import-apply').classList.contains('nut-button-disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('org-import-check'));
    await screen.findByTestId('org-import-result');
    expect(screen.getByTestId('org-import-summary').textContent).toBe('检查结果：将新建 2 个，更新 0 个，不变 0 个，有误 1 行');
    expect(screen.getAllByTestId('org-import-row-error').map((e) => e.textContent)).toEqual(['第 4 行 · parentCode：找不到上级组织 XM-NOPE']);
    // Edited after the check: check again first.
    typeInto(document.body, 'org-import-csv', `${csv}\n`);
    expect(screen.getByTestId('org-import-apply').classList.contains('nut-button-disabled')).toBe(true);
    typeInto(document.body, 'org-import-csv', csv);
    fireEvent.click(screen.getByTestId('org-import-check'));
    await waitFor(() => expect(screen.getByTestId('org-import-apply').classList.contains('nut-button-disabled')).toBe(false));
    fireEvent.click(screen.getByTestId('org-import-apply'));
    await waitFor(() => expect(screen.getByTestId('org-import-summary').textContent).toBe('已新建 2 个，更新 0 个，不变 0 个，有误 1 行'));
    expect(modal.mock.calls[0][0]?.content).toBe('将新建 2 个、更新 0 个组织；有误的 1 行不会导入。确定导入吗？');
    expect(s.requests.map((r) => (r.data as { dryRun: boolean }).dryRun)).toEqual([true, true, false]);
    expect(s.requests.every((r) => (r.data as { csv: string }).csv === csv)).toBe(true);
  });
});

describe('新建驿站: one station from a form', () => {
  it('typed coordinates: numbers with at most 6 decimals, in China, swapped ones named as such', () => {
    expect(checkPoint('', '')).toEqual({ field: 'lat', message: '请在地图上选点，或填写经纬度' });
    expect(checkPoint('24.1234567', '118.1')).toEqual({ field: 'lat', message: '请填写数字，最多 6 位小数' });
    expect(checkPoint('24.48', '118,1')).toEqual({ field: 'lng', message: '请填写数字，最多 6 位小数' });
    expect(checkPoint('118.0894', '24.4798')).toEqual({ field: 'lat', message: '纬度和经度可能填反了：厦门约为纬度 24.5、经度 118.1' });
    // Each coordinate on its own field: Paris's latitude is within China's range, its longitude is not.
    expect(checkPoint('48.85', '2.35')).toEqual({ field: 'lng', message: '坐标不在中国境内，请检查' });
    expect(checkPoint('60.1', '118.1')).toEqual({ field: 'lat', message: '坐标不在中国境内，请检查' });
    expect(checkPoint(' 24.4798 ', '118.0894')).toEqual({ lat: 24.4798, lng: 118.0894 });
  });

  it('shows every problem before sending, then sends the station with the codes the chips stand for, then invites its master', async () => {
    loggedIn(officer);
    const s = fakeServer((req) => {
      if (req.url.endsWith('/api/stations')) return json(201, { id: 's-new', code: 'ST0123456789', name: '莲前工会驿站', orgCode: 'XM-SM' });
      if (req.url.endsWith('/api/admin/grants')) return json(201, { status: 'invited', grant: null, invitation: null });
      return json(404, {});
    });
    render(<StationNewPage />);
    fireEvent.click(screen.getByTestId('station-new-submit'));
    for (const [field, message] of [
      ['name', '请填写驿站名称（2–100 个字）'],
      ['district', '请选择所在区'],
      ['address', '请填写地址（2–200 个字）'],
      ['point', '请在地图上选点，或填写经纬度'],
      ['level', '请选择级别'],
      ['host', '请选择依托单位类型'],
    ]) expect(screen.getByTestId(`station-new-${field}-error`).textContent).toBe(message);
    expect(s.requests).toHaveLength(0);

    typeInto(document.body, 'station-new-name', '莲前工会驿站');
    chip('station-new-district', '思明区');
    typeInto(document.body, 'station-new-address', '思明区莲前西路 2 号');
    typeInto(document.body, 'station-new-lat', '118.1391');
    typeInto(document.body, 'station-new-lng', '24.4811');
    chip('station-new-level', '站点');
    chip('station-new-host', '银行网点');
    fireEvent.click(screen.getByTestId('station-new-submit'));
    expect(screen.getByTestId('station-new-point-error').textContent).toContain('填反了');
    typeInto(document.body, 'station-new-lat', '24.4811');
    typeInto(document.body, 'station-new-lng', '118.1391');
    fireEvent.click(within(screen.getByTestId('station-new-services')).getByText('热水'));
    fireEvent.click(screen.getByTestId('station-new-submit'));
    await screen.findByTestId('station-new-done');
    const [post] = s.to('/api/stations');
    expect(post.data).toEqual({
      name: '莲前工会驿站', address: '思明区莲前西路 2 号', district: '思明区', lat: 24.4811, lng: 118.1391, level: 'point', hostType: 'bank', orgCode: 'XM-SM',
      hours: { alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]) },
      services: ['water_hot'],
    });
    expect(post.header['Idempotency-Key']).toBeTruthy();
    expect(screen.getByTestId('station-new-done-title').textContent).toBe('已新建「莲前工会驿站」（编码 ST0123456789）');

    typeInto(document.body, 'station-new-master-mobile', '1390000');
    fireEvent.click(screen.getByTestId('station-new-master-invite'));
    expect(screen.getByTestId('station-new-master-mobile-error').textContent).toBe('请输入 11 位手机号');
    typeInto(document.body, 'station-new-master-mobile', '13900002222');
    fireEvent.click(screen.getByTestId('station-new-master-invite'));
    await screen.findByTestId('station-new-master-done');
    expect(s.to('/api/admin/grants')[0].data).toEqual({ mobile: '13900002222', role: 'station_master', stationId: 's-new' });
  });
});
