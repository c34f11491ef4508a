import { checkHeader, checkHierarchy, parseCsv, readRow, type ImportRow, type StoredNode } from './station-import';

describe('parseCsv (RFC 4180)', () => {
  it('splits on commas outside quotes; doubled quotes are one quote; CRLF and LF both end a record', () => {
    const text = 'code,name,address\r\nA1,"驿站, 一号","思明区""新""路 1 号"\r\nA2,二号,湖里区\nA3,三号,集美区';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['code', 'name', 'address'] },
      { line: 2, cells: ['A1', '驿站, 一号', '思明区"新"路 1 号'] },
      { line: 3, cells: ['A2', '二号', '湖里区'] },
      { line: 4, cells: ['A3', '三号', '集美区'] },
    ]);
  });

  it('keeps line breaks inside quotes and numbers records by the line they start on', () => {
    const recs = parseCsv('code,address\n"B1","第一行\r\n第二行"\nB2,x\n');
    expect(recs.map((r) => [r.line, r.cells])).toEqual([
      [1, ['code', 'address']],
      [2, ['B1', '第一行\n第二行']],
      [4, ['B2', 'x']],
    ]);
  });

  it('drops a BOM, skips blank lines, keeps empty cells', () => {
    expect(parseCsv('\ufeffcode,phone\r\n\r\nC1,\n,\n')).toEqual([
      { line: 1, cells: ['code', 'phone'] },
      { line: 3, cells: ['C1', ''] },
      { line: 4, cells: ['', ''] },
    ]);
  });

  it('flags broken quoting on its record and carries on with the next', () => {
    const recs = parseCsv('code,name\nD1,"abc"x\nD2,ok\nD3,"never closed\n');
    expect(recs[1]).toMatchObject({ line: 2, error: expect.stringContaining('双引号') });
    expect(recs[2]).toEqual({ line: 3, cells: ['D2', 'ok'] });
    expect(recs[3]).toMatchObject({ line: 4, error: expect.stringContaining('引号未闭合') });
  });
});

describe('import header and rows', () => {
  it('refuses unknown or repeated columns, a missing code, lat without lng', () => {
    expect(checkHeader(['code', 'name'])).toEqual([]);
    expect(checkHeader(['code', 'nmae'])[0]).toContain('nmae');
    expect(checkHeader(['code', 'name', 'name'])[0]).toContain('列重复');
    expect(checkHeader(['name'])).toEqual(['缺少列：code']);
    expect(checkHeader(['code', 'lat'])).toEqual(['lat 与 lng 须同时提供']);
  });

  it('a row sets only the columns its file has', () => {
    const { row, errors } = readRow(['code', 'phone', 'services'], { line: 2, cells: ['S1', '', 'wifi|toilet|wifi'] }, () => true);
    expect(errors).toEqual([]);
    expect(row).toEqual({ line: 2, code: 'S1', fields: { phone: null, services: ['wifi', 'toilet'] } });
    expect(readRow(['code', 'parentCode'], { line: 3, cells: ['S1', ''] }, () => true).row).toMatchObject({ parentCode: null });
    expect(readRow(['code'], { line: 3, cells: ['S1'] }, () => true).row).not.toHaveProperty('parentCode');
  });

  it('a row with more or fewer cells than the header says so (the usual unquoted comma)', () => {
    const { errors } = readRow(['code', 'address'], { line: 5, cells: ['S1', '思明区', '中山路'] }, () => true);
    expect(errors).toEqual([{ line: 5, field: 'csv', message: expect.stringContaining('双引号') }]);
  });
});

describe('checkHierarchy (总站 > 分站 > 站点)', () => {
  const node = (code: string, level: StoredNode['level'], parentId: string | null = null): StoredNode => ({ id: `id-${code}`, code, name: code, level, parentId });
  const row = (line: number, code: string, level?: StoredNode['level'], parentCode?: string | null): ImportRow => ({ line, code, fields: level ? { level } : {}, ...(parentCode !== undefined ? { parentCode } : {}) });

  it('a parent stored or on an earlier row, of a higher level, is fine', () => {
    const stored = [node('HUB', 'hub')];
    expect(checkHierarchy([row(2, 'BR', 'branch', 'HUB'), row(3, 'PT', 'point', 'BR'), row(4, 'PT2', 'point', 'HUB')], stored)).toEqual([]);
  });

  it('a parent that does not exist, or only appears later in the file, is refused', () => {
    const errs = checkHierarchy([row(2, 'PT', 'point', 'BR'), row(3, 'BR', 'branch', null), row(4, 'PX', 'point', 'NOPE')], []);
    expect(errs.map((e) => [e.line, e.field])).toEqual([
      [2, 'parentCode'],
      [4, 'parentCode'],
    ]);
  });

  it('a parent must rank strictly higher', () => {
    const stored = [node('BR', 'branch'), node('PT', 'point')];
    const errs = checkHierarchy([row(2, 'B2', 'branch', 'BR'), row(3, 'P2', 'point', 'PT'), row(4, 'H2', 'hub', 'BR'), row(5, 'P3', 'point', 'BR')], stored);
    expect(errs.map((e) => [e.line, e.field])).toEqual([
      [2, 'parentCode'],
      [3, 'parentCode'],
      [4, 'parentCode'],
    ]);
    expect(errs[0].message).toContain('分站');
  });

  it('a rejected parent row takes its children with it, and says so', () => {
    const errs = checkHierarchy([row(2, 'BR', 'branch', 'NOPE'), row(3, 'PT', 'point', 'BR'), row(5, 'PT2', 'point', 'BAD')], [], new Set(['BAD']));
    expect(errs.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(errs[0].message).toContain('找不到上级驿站 NOPE');
    expect(errs[1].message).toContain('上级驿站 BR 所在行有误');
    expect(errs[2].message).toContain('上级驿站 BAD 所在行有误');
  });

  it('changing a stored station\'s level must keep it above its children and below its parent', () => {
    const stored = [node('HUB', 'hub'), node('BR', 'branch', 'id-HUB'), node('PT', 'point', 'id-BR')];
    // BR → point while PT (a point) stays under it: refused on level
    expect(checkHierarchy([row(2, 'BR', 'point')], stored)).toEqual([{ line: 2, field: 'level', message: expect.stringContaining('下级驿站「PT」') }]);
    // … unless PT moves to the hub in the same file
    expect(checkHierarchy([row(2, 'PT', undefined, 'HUB'), row(3, 'BR', 'point')], stored)).toEqual([]);
    // BR → hub under HUB: refused (its stored parent would no longer rank higher)
    expect(checkHierarchy([row(2, 'BR', 'hub')], stored)).toEqual([{ line: 2, field: 'level', message: expect.stringContaining('上级驿站「HUB」') }]);
  });
});
