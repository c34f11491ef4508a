import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { LEDGER_COLUMNS, ledgerCells } from '../src/claims/claim-ledger-xlsx';
import { Claim } from '../src/claims/claim.entity';
import { ClaimExport } from '../src/claims/claim-export.entity';
import { Scheduler } from '../src/jobs/scheduler.service';
import { Org } from '../src/orgs/org.entity';
import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** 台账: scope, every filter, keyset pages, and the Excel export equal to the ledger. */
describe('claims ledger and export', () => {
  let t: TestApp;
  let officerSM: Session, officerMT: Session, officerHL: Session, admin: Session;
  const { post, get, file } = claimsHelpers(() => t, 'ledger-worker');
  const DAY = 86_400_000;
  const now = Date.now();
  /** Beijing calendar date of an instant, computed here independently of the server's helper. */
  const bjDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  let orgs: Map<string, Org>;
  const made: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false', STORAGE_DIR: `/tmp/nuanxin-ledger-test-${process.pid}-${Date.now()}` });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerMT = await devLogin(t.app, 'demo-officer-mt');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    admin = await devLogin(t.app, 'demo-admin');
    orgs = new Map((await t.ds.getRepository(Org).find()).map((o) => [o.code, o]));
    // one real claim through the API (routing, numbering), then 90 more rows cloned from it with varied fields
    const w = await devLogin(t.app, 'ledger-worker-0');
    const first = await file(w, { category: 'wages', amountFen: 123456 });
    made.push(first.id);
    const repo = t.ds.getRepository(Claim);
    const base = (await repo.findOneByOrFail({ id: first.id })) as Claim;
    const codes = ['XM-SM', 'XM-SM-JL', 'XM-MT', 'XM-HL', 'XM-HL-HS'];
    const cats = ['wages', 'injury', 'contract', 'other'] as const;
    const rows: Claim[] = [];
    for (let i = 0; i < 90; i++) {
      const submittedAt = new Date(now - (i % 40) * DAY - (i % 7) * 3600_000);
      const status = (['submitted', 'accepted', 'resolved', 'closed'] as const)[i % 4];
      const firstResponseDueAt = new Date(submittedAt.getTime() + 2 * DAY);
      const accepted = status !== 'submitted';
      const mediationDueAt = accepted ? new Date(submittedAt.getTime() + 5 * DAY) : null;
      const resolvedAt = status === 'resolved' || status === 'closed' ? new Date(submittedAt.getTime() + (i % 3 === 0 ? 9 : 3) * DAY) : null;
      rows.push({
        ...base,
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        number: `SQ2099${String(i).padStart(6, '0')}`,
        workerId: base.workerId,
        category: cats[i % 4],
        orgId: orgs.get(codes[i % 5])!.id,
        handlingTier: ((i % 6) % 3) + 1 as 1 | 2 | 3,
        contactName: i % 9 === 0 ? null : `张三丰${i}`,
        contactMobileMasked: i % 2 ? null : `138****${String(1000 + i)}`,
        agreedFen: resolvedAt && i % 8 < 4 ? 1000 * i : null,
        recoveredFen: resolvedAt && i % 8 < 2 ? 400 * i : null,
        status,
        amountFen: i % 2 ? 1000 * i : null,
        submittedAt,
        firstResponseDueAt,
        firstResponseAt: accepted ? new Date(submittedAt.getTime() + (i % 5 === 0 ? 3 : 1) * DAY) : null,
        acceptedAt: accepted ? new Date(submittedAt.getTime() + DAY) : null,
        mediationDueAt,
        dueAt: status === 'submitted' ? firstResponseDueAt : status === 'accepted' ? mediationDueAt : null,
        resolvedAt,
        outcome: resolvedAt ? (i % 8 < 4 ? 'mediated' : 'not_mediated') : null,
        amountRecoveredFen: resolvedAt && i % 8 < 4 ? 500 * i : null,
        ratingScore: status === 'closed' ? ((i % 7) % 5) + 1 : null,
      });
    }
    await repo.insert(rows);
    made.push(...rows.map((r) => r.id));
  });
  afterAll(() => t.close());

  /** Every ledger page for a query string; checks page sizes and that no row repeats. */
  const allPages = async (s: Session, query = '') => {
    const items: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const res = await get(s, `/api/claims/ledger?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      items.push(...body.items);
      if (body.nextCursor) expect(body.items).toHaveLength(50);
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(items.map((x) => x.id)).size).toBe(items.length);
    return items;
  };

  /** The expected ledger, from the rows: in the subtree of `code` (all when null), newest first, then id. */
  const expected = async (code: string | null, keep: (c: Claim) => boolean = () => true) => {
    const prefix = code ? orgs.get(code)!.path : '';
    const byId = new Map([...orgs.values()].map((o) => [o.id, o]));
    return (await t.ds.getRepository(Claim).find())
      .filter((c) => byId.get(c.orgId)!.path.startsWith(prefix) && keep(c))
      .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : -1));
  };
  const late = (c: Claim) =>
    (!!c.dueAt && c.dueAt.getTime() < Date.now()) ||
    (!!c.firstResponseAt && c.firstResponseAt > c.firstResponseDueAt) ||
    (!!c.resolvedAt && !!c.mediationDueAt && c.resolvedAt > c.mediationDueAt);

  it("shows an officer their subtree's claims, newest first over keyset pages, with the paper columns", async () => {
    const items = await allPages(officerSM);
    const want = await expected('XM-SM');
    expect(want.length).toBeGreaterThan(50); // more than one page
    expect(items.map((x) => x.number)).toEqual(want.map((c) => c.number));
    const byNumber = new Map(want.map((c) => [c.number, c]));
    for (const x of items) {
      const c = byNumber.get(x.number as string)!;
      const org = [...orgs.values()].find((o) => o.id === c.orgId)!;
      expect(x).toMatchObject({
        receivedDate: bjDate(c.submittedAt),
        employerName: c.employerName,
        amountFen: c.amountFen,
        orgName: org.name,
        worker: c.contactName ? `${c.contactName[0]}${'*'.repeat(c.contactName.length - 1)}` : '',
        mobile: c.contactMobileMasked ?? '',
        tier: c.handlingTier,
        tierLabel: ({ 1: '工会调解', 2: '联动调处中心调解', 3: '仲裁/诉讼引导' } as const)[c.handlingTier],
        agreedFen: c.agreedFen,
        dueDate: bjDate(c.mediationDueAt ?? c.firstResponseDueAt),
        resolvedDate: c.resolvedAt ? bjDate(c.resolvedAt) : null,
        recoveredFen: c.recoveredFen,
        ratingScore: c.ratingScore,
        overdue: late(c),
      });
    }
    const one = items.find((x) => x.number === 'SQ2099000000')!;
    expect(one).toMatchObject({ categoryLabel: '欠薪', resultLabel: '待受理' });
    expect(items.find((x) => x.number === 'SQ2099000002')).toMatchObject({ categoryLabel: '劳动合同', resultLabel: '调解成功' });
  });

  it('keeps other officers to their own subtree and gives the admin the city', async () => {
    expect((await allPages(officerMT)).map((x) => x.number)).toEqual((await expected('XM-MT')).map((c) => c.number));
    expect((await allPages(officerHL)).map((x) => x.number)).toEqual((await expected('XM-HL')).map((c) => c.number));
    expect((await allPages(admin)).map((x) => x.number)).toEqual((await expected(null)).map((c) => c.number));
    const w = await devLogin(t.app, 'ledger-worker-0');
    expect((await get(w, '/api/claims/ledger')).statusCode).toBe(403);
  });

  it('filters by period, status, category, tier, org, overdue and rating', async () => {
    const cases: Array<[string, string | null, (c: Claim) => boolean]> = [
      ['status=closed', 'XM-SM', (c) => c.status === 'closed'],
      ['category=injury', 'XM-SM', (c) => c.category === 'injury'],
      ['tier=2', 'XM-SM', (c) => c.handlingTier === 2],
      ['org=XM-SM-JL', 'XM-SM-JL', () => true],
      ['overdue=true', 'XM-SM', late],
      ['overdue=false', 'XM-SM', (c) => !late(c)],
      ['rating=satisfied', 'XM-SM', (c) => (c.ratingScore ?? 0) >= 4],
      ['rating=2', 'XM-SM', (c) => c.ratingScore === 2],
      ['rating=none', 'XM-SM', (c) => c.ratingScore === null],
    ];
    const from = bjDate(new Date(now - 20 * DAY));
    const to = bjDate(new Date(now - 10 * DAY));
    cases.push([`from=${from}&to=${to}`, 'XM-SM', (c) => bjDate(c.submittedAt) >= from && bjDate(c.submittedAt) <= to]);
    for (const [query, code, keep] of cases) {
      const want = (await expected(code, keep)).map((c) => c.number);
      expect([query, want.length > 0]).toEqual([query, true]);
      expect([query, (await allPages(officerSM, query)).map((x) => x.number)]).toEqual([query, want]);
    }
  });

  it('refuses an org outside the caller\'s subtree, an unknown org and bad filters', async () => {
    expect((await get(officerSM, '/api/claims/ledger?org=XM-HL')).statusCode).toBe(403);
    expect((await get(officerSM, '/api/claims/ledger?org=NOPE')).statusCode).toBe(404);
    const bad = await get(officerSM, '/api/claims/ledger?from=2026-1-1&rating=7&tier=x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'rating', 'tier']);
  });

  it('exports the same rows as the ledger to an xlsx behind a signed link that expires, and audits it', async () => {
    const start = await post(officerSM, '/api/claims/exports', { category: 'wages' }, { 'idempotency-key': 'ledger-export-1' });
    expect(start.statusCode).toBe(201);
    const id = start.json().id as string;
    expect(start.json()).toMatchObject({ status: 'pending', rowsDone: 0, downloadUrl: null });
    // only the requester sees it
    expect((await get(officerMT, `/api/claims/exports/${id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/claims/exports/${id}`)).statusCode).toBe(404);

    await t.app.get(Scheduler).runNow('claims-export');
    const done = (await get(officerSM, `/api/claims/exports/${id}`)).json();
    const ledger = await allPages(officerSM, 'category=wages');
    expect(done).toMatchObject({ status: 'done', rowsTotal: ledger.length, rowsDone: ledger.length });
    expect(done.downloadUrl).toMatch(new RegExp(`^/api/claims/exports/${id}/file\\?exp=\\d{13}&sig=`));

    const dl = await t.app.inject({ method: 'GET', url: done.downloadUrl }); // no login: the signature is the key
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain(encodeURIComponent('诉求台账-'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const read: unknown[][] = [];
    sheet.eachRow((row) => read.push(Array.from({ length: LEDGER_COLUMNS.length }, (_, i) => (row.values as unknown[])[i + 1] ?? '')));
    expect(read[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(read.slice(1)).toEqual(ledger.map((r) => ledgerCells(r as never)));

    // a tampered or expired link is refused
    // (the first character changed to another one: replacing it with a fixed letter left the link intact 1 time in 64)
    const tampered = done.downloadUrl.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(done.downloadUrl);
    expect((await t.app.inject({ method: 'GET', url: tampered })).statusCode).toBe(403);
    const expired = done.downloadUrl.replace(/exp=\d+/, `exp=${Date.now() - 1000}`);
    expect((await t.app.inject({ method: 'GET', url: expired })).statusCode).toBe(403);

    const audit = await t.ds.getRepository(AuditEntry).findBy({ action: 'pii.export', objectId: id });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(officerSM.user.id);
  });

  it('runs an export once when two replicas look at once, and takes over one whose lease ran out', async () => {
    const start = await post(officerMT, '/api/claims/exports', {}, { 'idempotency-key': 'ledger-export-2' });
    const id = start.json().id as string;
    const repo = t.ds.getRepository(ClaimExport);
    // a replica claimed it and died: the lease ran out
    await repo.update({ id }, { status: 'running', owner: 'dead-replica', leaseUntil: new Date(Date.now() - 1000) });
    const scheduler = t.app.get(Scheduler);
    await Promise.all([scheduler.runNow('claims-export'), scheduler.runNow('claims-export')]);
    const row = await repo.findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'done', rowsDone: (await expected('XM-MT')).length });
    expect(row.owner).not.toBe('dead-replica');
    // nothing left to run
    expect(await repo.countBy({ status: In(['pending', 'running']) })).toBe(0);
  });
});
