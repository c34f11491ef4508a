import { Station } from '../src/stations/station.entity';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const HEADER = 'code,name,address,district,lat,lng,level,hostType,phone,orgCode,services,hours';

/** Admin CSV import over HTTP: RFC 4180, re-imports that keep what station masters maintain, the level hierarchy. */
describe('station CSV import', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  const importCsv = (csv: string) => t.app.inject({ method: 'POST', url: '/api/stations/import', headers: admin.auth, payload: { csv } });
  const byCode = (code: string) => t.ds.getRepository(Station).findOneByOrFail({ code });
  const nearby = async (s: Station) => (await t.app.inject({ method: 'GET', url: `/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&limit=5` })).json().map((x: { code: string }) => x.code);

  it('re-importing a station keeps its status, closures, photos, parent and ratings; updates what the file carries', async () => {
    const first = await importCsv([HEADER, 'IM-KEEP,保留测试驿站,思明区测试路 1 号,思明区,24.470101,118.100201,point,bank,0592-1111111,XM-SM,water_hot,24h'].join('\n'));
    expect(first.json()).toMatchObject({ created: 1, updated: 0, rejected: 0 });
    const hub = await byCode('ST-SM-01');
    const s = await byCode('IM-KEEP');
    const closures = [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 86400_000).toISOString(), reason: '装修改造' }];
    await t.ds.getRepository(Station).update({ id: s.id }, { status: 'suspended', closures, photos: ['p/1.jpg'], parentId: hub.id, ratingSum: 9, ratingCount: 2 });

    const again = await importCsv([HEADER, 'IM-KEEP,保留测试驿站（新名）,思明区测试路 1 号,思明区,24.470101,118.100201,point,bank,0592-2222222,XM-SM,water_hot|wifi,24h'].join('\n'));
    expect(again.json()).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    const after = await byCode('IM-KEEP');
    expect(after).toMatchObject({ name: '保留测试驿站（新名）', phone: '0592-2222222', services: ['water_hot', 'wifi'], status: 'suspended', closures, photos: ['p/1.jpg'], parentId: hub.id, ratingSum: 9, ratingCount: 2 });
    // still suspended, so still not listed
    expect(await nearby(after)).not.toContain('IM-KEEP');
  });

  it('a file with only some columns changes only those columns of existing stations', async () => {
    const before = await byCode('ST-HL-12');
    const res = await importCsv('code,phone\nST-HL-12,0592-7654321\nIM-NEW-PARTIAL,0592-1234567');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    expect(res.json().errors).toEqual([{ line: 3, field: 'name', message: expect.stringContaining('新驿站须提供这些列') }]);
    const after = await byCode('ST-HL-12');
    expect(after).toEqual({ ...before, phone: '0592-7654321', updatedAt: after.updatedAt });
    expect(await t.ds.getRepository(Station).countBy({ code: 'IM-NEW-PARTIAL' })).toBe(0);
  });

  it('RFC 4180: quoted fields with commas, doubled quotes and CRLF line ends; an unquoted comma is reported on its row', async () => {
    const csv = [
      HEADER,
      'IM-Q-01,"驿站, ""暖新""号",思明区"测试"路 2 号,思明区,24.470202,118.100302,point,enterprise,,XM-SM,"water_hot|toilet",08:00-20:00',
      'IM-Q-02,地址带逗号,思明区中山路 3 号, 近公园,思明区,24.4703,118.1004,point,bank,,XM-SM,,24h',
      '"IM-Q-03","多行地址","思明区\r\n测试路 4 号","思明区","24.4704","118.1005","point","other","","XM-SM","","24h"',
      '',
    ].join('\r\n');
    const res = (await importCsv(csv)).json();
    expect(res).toMatchObject({ created: 2, updated: 0, rejected: 1 });
    expect(res.errors).toEqual([{ line: 3, field: 'csv', message: expect.stringContaining('13 列') }]);
    expect(await byCode('IM-Q-01')).toMatchObject({ name: '驿站, "暖新"号', address: '思明区"测试"路 2 号', services: ['water_hot', 'toilet'], phone: null });
    expect((await byCode('IM-Q-03')).address).toBe('思明区\n测试路 4 号');
  });

  it('parentCode builds 总站 > 分站 > 站点: parents stored or earlier in the file, of a higher level', async () => {
    const csv = [
      `${HEADER},parentCode`,
      'IM-H-HUB,导入总站,湖里区导入路 1 号,湖里区,24.5101,118.1601,hub,community_centre,,XM-HL,,24h,',
      'IM-H-BR,导入分站,湖里区导入路 2 号,湖里区,24.5102,118.1602,branch,bank,,XM-HL,,24h,IM-H-HUB',
      'IM-H-PT,导入站点,湖里区导入路 3 号,湖里区,24.5103,118.1603,point,bank,,XM-HL,,24h,IM-H-BR',
      'IM-H-PT2,挂在已有总站下,湖里区导入路 4 号,湖里区,24.5104,118.1604,point,bank,,XM-HL,,24h,ST-HL-12',
      'IM-H-EARLY,上级在后面,湖里区导入路 5 号,湖里区,24.5105,118.1605,point,bank,,XM-HL,,24h,IM-H-LATE',
      'IM-H-LATE,后面的分站,湖里区导入路 6 号,湖里区,24.5106,118.1606,branch,bank,,XM-HL,,24h,',
      'IM-H-FLAT,同级上级,湖里区导入路 7 号,湖里区,24.5107,118.1607,branch,bank,,XM-HL,,24h,IM-H-BR',
      'IM-H-NONE,上级不存在,湖里区导入路 8 号,湖里区,24.5108,118.1608,point,bank,,XM-HL,,24h,NO-SUCH',
    ].join('\n');
    const res = (await importCsv(csv)).json();
    expect(res.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [6, 'parentCode'],
      [8, 'parentCode'],
      [9, 'parentCode'],
    ]);
    expect(res).toMatchObject({ created: 5, rejected: 3 });
    const [hub, br, pt, pt2] = await Promise.all(['IM-H-HUB', 'IM-H-BR', 'IM-H-PT', 'IM-H-PT2'].map(byCode));
    expect([hub.parentId, br.parentId, pt.parentId, pt2.parentId]).toEqual([null, hub.id, br.id, (await byCode('ST-HL-12')).id]);

    // now that IM-H-LATE exists, the same row imports; an empty parentCode cell detaches a station
    const fix = (await importCsv(`code,parentCode\nIM-H-LATE,IM-H-HUB\nIM-H-PT2,\nIM-H-BR,IM-H-PT`)).json();
    expect(fix.errors).toEqual([{ line: 4, field: 'parentCode', message: expect.stringContaining('级别须高于') }]);
    expect((await byCode('IM-H-LATE')).parentId).toBe(hub.id);
    expect((await byCode('IM-H-PT2')).parentId).toBeNull();
    // a level change that would put a station level with its children is refused
    const demote = (await importCsv('code,level\nIM-H-BR,point')).json();
    expect(demote).toMatchObject({ updated: 0, rejected: 1, errors: [{ line: 2, field: 'level' }] });
    expect((await byCode('IM-H-BR')).level).toBe('branch');
  });

  it('a child of a row refused for its fields is refused too, naming that row', async () => {
    const csv = [
      `${HEADER},parentCode`,
      'IM-R-BR,字段有误的分站,集美区导入路 1 号,集美区,24.6001,118.0901,branch,castle,,XM-JM,,24h,',
      'IM-R-PT,挂在有误分站下,集美区导入路 2 号,集美区,24.6002,118.0902,point,bank,,XM-JM,,24h,IM-R-BR',
    ].join('\n');
    const res = (await importCsv(csv)).json();
    expect(res).toMatchObject({ created: 0, rejected: 2 });
    expect(res.errors).toEqual([
      { line: 2, field: 'hostType', message: expect.any(String) },
      { line: 3, field: 'parentCode', message: expect.stringContaining('IM-R-BR 所在行有误') },
    ]);
  });

  it('the header is checked first: unknown columns, missing code, broken quoting → 400 with a message', async () => {
    for (const csv of ['code,nmae\nX,Y', 'name,address\nX,Y', '"code,name\nX,Y']) {
      const res = await importCsv(csv);
      expect([csv, res.statusCode, res.json().code]).toEqual([csv, 400, 'VALIDATION_FAILED']);
      expect(res.json().errors[0]).toMatchObject({ field: 'csv', message: expect.any(String) });
    }
  });
});
