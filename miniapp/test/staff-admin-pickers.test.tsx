import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StaffPage from '../src/staff/pages/staff/index';
import OrgImportPage from '../src/staff/pages/org-import/index';
import StationNewPage from '../src/staff/pages/station-new/index';
import { decodeCsv } from '../src/staff/pages/org-import/csv-file.types';
import { fakeServer, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';

const officer = { ...worker, id: 'me', roles: [{ role: 'officer' as const, orgId: 'o-sm', orgCode: 'XM-SM', orgName: '思明区总工会' }] };
const admin = { ...worker, id: 'me', roles: [{ role: 'admin' as const, orgId: 'o-xm', orgCode: 'XM', orgName: '厦门市总工会' }] };
const chip = (group: string, label: string) => fireEvent.click(within(screen.getByTestId(group)).getByText(label));

const merchant = (id: string, name: string) => ({
  id, name, category: 'food', categoryLabel: '餐饮', address: '中山路 1 号', district: '思明区', lat: 24.45, lng: 118.08, phone: null,
  status: 'active', statusLabel: '合作中', org: { code: 'XM-SM', name: '思明区总工会' }, createdAt: '2026-11-01T00:00:00.000Z',
});

afterEach(() => {
  resetParams();
  vi.restoreAllMocks();
});

describe('工作人员: a merchant’s till user invited by mobile', () => {
  const staffList = {
    org: { code: 'XM-SM', name: '思明区总工会', level: 'district' },
    grants: [{ id: 'g-m', userId: 'u9', nickname: null, mobileMasked: '139****0009', role: 'merchant', station: null, merchantId: 'm-1', createdAt: '2026-11-01T00:00:00.000Z' }],
    invitations: [],
  };
  const server = () =>
    fakeServer((req) => {
      if (req.method === 'POST') return json(201, { status: 'invited', grant: null, invitation: null });
      if (req.url.includes('/api/admin/staff')) return json(200, staffList);
      if (req.url.endsWith('/api/benefits/merchants/m-1')) return json(200, merchant('m-1', '骑手食堂（中山路店）'));
      if (req.url.includes('/api/benefits/merchants/manage')) {
        const q = new URL(req.url, 'http://x').searchParams.get('q');
        return json(200, { items: q === '面馆' ? [merchant('m-2', '沙茶面馆')] : [merchant('m-1', '骑手食堂（中山路店）'), merchant('m-2', '沙茶面馆')], nextAfter: null });
      }
      return json(404, {});
    });

  it('names the shop of a merchant grant; the merchant is picked from the org’s signed merchants and sent as merchantId', async () => {
    loggedIn(officer);
    withParams({ orgCode: 'XM-SM' });
    const s = server();
    render(<StaffPage />);
    await waitFor(() => expect(screen.getByTestId('staff-grant').textContent).toBe('139****0009商户 · 骑手食堂（中山路店）撤销'));

    typeInto(document.body, 'invite-mobile', '13800001111');
    chip('invite-role', '商户');
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(screen.getByTestId('invite-merchant-error').textContent).toBe('请选择商户');
    expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('invite-merchant-pick'));
    await waitFor(() => expect(screen.getAllByTestId('merchant-picker-item')).toHaveLength(2));
    expect(s.to('/api/benefits/merchants/manage')[0].url).toMatch(/orgCode=XM-SM/);
    typeInto(document.body, 'merchant-picker-query', '面馆');
    fireEvent.click(screen.getByTestId('merchant-picker-search'));
    await waitFor(() => expect(screen.getAllByTestId('merchant-picker-item')).toHaveLength(1));
    expect(s.to('/api/benefits/merchants/manage')[1].url).toMatch(/q=%E9%9D%A2%E9%A6%86/);
    fireEvent.click(screen.getByTestId('merchant-picker-item'));
    expect(screen.getByTestId('invite-merchant-picked').textContent).toBe('沙茶面馆（思明区总工会）');

    fireEvent.click(screen.getByTestId('invite-submit'));
    await waitFor(() => expect(s.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    const [post] = s.requests.filter((r) => r.method === 'POST');
    expect(post.data).toEqual({ mobile: '13800001111', role: 'merchant', merchantId: 'm-2' });
    expect(post.header['Idempotency-Key']).toBeTruthy();
  });
});

describe('新建驿站: the parent station is picked, not typed', () => {
  it('lists the stations in scope, sends the picked one’s code, and can be cleared again', async () => {
    loggedIn(officer);
    const s = fakeServer((req) => {
      if (req.url.includes('/api/stations/manage')) {
        return json(200, { items: [{ id: 's-1', code: 'ST-SM-01', name: '中山路工会驿站', address: '中山路 1 号', status: 'active' }], nextAfter: null });
      }
      if (req.url.endsWith('/api/stations')) return json(201, { id: 's-new', code: 'ST0123456789', name: '莲前工会驿站', orgCode: 'XM-SM' });
      return json(404, {});
    });
    render(<StationNewPage />);
    expect(screen.getByTestId('station-new-parent-picked').textContent).toBe('不设上级');
    expect(screen.queryByTestId('station-picker')).toBeNull();
    fireEvent.click(screen.getByTestId('station-new-parent-pick'));
    fireEvent.click(await screen.findByTestId('station-picker-item'));
    expect(screen.getByTestId('station-new-parent-picked').textContent).toBe('中山路工会驿站（ST-SM-01）');
    fireEvent.click(screen.getByTestId('station-new-parent-clear'));
    expect(screen.getByTestId('station-new-parent-picked').textContent).toBe('不设上级');
    fireEvent.click(screen.getByTestId('station-new-parent-pick'));
    fireEvent.click(await screen.findByTestId('station-picker-item'));

    typeInto(document.body, 'station-new-name', '莲前工会驿站');
    chip('station-new-district', '思明区');
    typeInto(document.body, 'station-new-address', '思明区莲前西路 2 号');
    typeInto(document.body, 'station-new-lat', '24.4811');
    typeInto(document.body, 'station-new-lng', '118.1391');
    chip('station-new-level', '站点');
    chip('station-new-host', '银行网点');
    fireEvent.click(screen.getByTestId('station-new-submit'));
    await screen.findByTestId('station-new-done');
    expect(s.to('/api/stations')[0].data).toMatchObject({ parentCode: 'ST-SM-01', level: 'point' });
  });
});

describe('导入组织架构: a CSV file instead of pasting', () => {
  /** The browser's file chooser: the detached file input the page clicks gets this file. */
  function chooseFile(file: File) {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      if (this.type !== 'file') return;
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
  }

  it('reads the chosen file into the text the check sends', async () => {
    loggedIn(admin);
    const s = fakeServer(() => json(200, { dryRun: true, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] }));
    render(<OrgImportPage />);
    const csv = 'code,name,level,parentCode\r\nXM-SM,思明区总工会,district,XM\r\nXM-HL,湖里区总工会,district,XM\r\n';
    chooseFile(new File(['\uFEFF' + csv], 'districts.csv', { type: 'text/csv' }));
    fireEvent.click(screen.getByTestId('org-import-file'));
    await waitFor(() => expect(screen.getByTestId('org-import-file-name').textContent).toBe('已读取「districts.csv」，共 3 行；可在下方核对或修改'));
    // Line endings as the text box keeps them, so an edit after reading does not count as a change of every line.
    const lf = csv.replace(/\r\n/g, '\n');
    expect((document.querySelector('[data-testid=org-import-csv] textarea') as HTMLTextAreaElement).value).toBe(lf);
    fireEvent.click(screen.getByTestId('org-import-check'));
    await screen.findByTestId('org-import-result');
    expect(s.requests[0].data).toEqual({ csv: lf, dryRun: true });
  });

  it('a file over 1 MB is refused before it is read or sent', async () => {
    loggedIn(admin);
    const s = fakeServer(() => json(200, {}));
    render(<OrgImportPage />);
    chooseFile(new File(['x'.repeat(1024 * 1024 + 1)], 'big.csv'));
    fireEvent.click(screen.getByTestId('org-import-file'));
    await waitFor(() => expect(screen.getByTestId('org-import-csv-error').textContent).toBe('文件太大（超过 1 MB），请分成几份导入'));
    expect(s.requests).toHaveLength(0);
  });

  it('decodes UTF-8 (BOM dropped) and the GB18030 that Excel on Chinese Windows saves', () => {
    const utf8 = new TextEncoder().encode('\uFEFFcode,name\nXM-SM,思明区总工会');
    expect(decodeCsv(utf8.buffer as ArrayBuffer)).toBe('code,name\nXM-SM,思明区总工会');
    // 「思明」 in GB18030.
    const gb = new Uint8Array([0x63, 0x2c, 0xcb, 0xbc, 0xc3, 0xf7]);
    expect(decodeCsv(gb.buffer)).toBe('c,思明');
  });
});
