import type { ClaimCategory, ClaimOutcome, ClaimStatus } from '@nuanxin/shared';
import { Claim } from '../src/claims/claim.entity';
import { Org } from '../src/orgs/org.entity';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * Dashboards and public figures: every figure checked against values computed here, in plain JS, from the fixture
 * rows (never from the service's own SQL).
 */
describe('claims dashboards and public figures', () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session, admin: Session;
  let orgs: Map<string, Org>;
  const DAY = 86_400_000;
  const now = new Date();
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const fixtures: Claim[] = [];

  const at = (iso: string) => new Date(`${iso}+08:00`);
  let n = 0;
  const claim = (o: { org: string; at: Date; category: ClaimCategory; status: ClaimStatus } & Partial<Claim>): Claim => {
    n++;
    const c = {
      id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
      number: `SQ2098${String(n).padStart(6, '0')}`,
      workerId: `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`,
      employerOrgId: null,
      employerName: '某某配送站',
      amountFen: null,
      description: '工资未按时发放。',
      contactPreference: 'message',
      contactName: null,
      contactMobile: null,
      contactMobileMasked: null,
      assigneeId: null,
      tier: 0,
      routedBy: 'district',
      handlingTier: 1,
      difficult: false,
      firstResponseDueAt: new Date(o.at.getTime() + DAY),
      firstResponseAt: null,
      mediationDueAt: null,
      firstResponseEstimated: false,
      mediationEstimated: false,
      dueAt: null,
      outcome: null,
      agreedFen: null,
      recoveredFen: null,
      amountRecoveredFen: null,
      ratingScore: null,
      reopenCount: 0,
      submittedAt: o.at,
      acceptedAt: null,
      resolvedAt: null,
      closedAt: null,
      updatedAt: o.at,
      ...o,
      orgId: orgs.get(o.org)!.id,
    } as unknown as Claim;
    fixtures.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    admin = await devLogin(t.app, 'demo-admin');
    orgs = new Map((await t.ds.getRepository(Org).find()).map((o) => [o.code, o]));

    // Q1 2025 (the dashboard period): a mix of every state a figure distinguishes
    const cats: ClaimCategory[] = ['wages', 'wages', 'injury', 'contract', 'other'];
    const codes = ['XM-SM', 'XM-SM-JL', 'XM-MT', 'XM-HL'];
    for (let i = 0; i < 24; i++) {
      const submitted = at(`2025-0${1 + (i % 3)}-${String(2 + i).padStart(2, '0')}T10:00:00`);
      const responded = i % 6 !== 5;
      const firstResponseAt = responded ? new Date(submitted.getTime() + (i % 5 === 0 ? 2 : 0.5) * DAY) : null; // i%5==0: late
      const mediationDueAt = responded ? new Date(submitted.getTime() + 6 * DAY) : null;
      const resolved = responded && i % 3 !== 2;
      const resolvedAt = resolved ? new Date(submitted.getTime() + (i % 5 < 2 ? 8 : 4) * DAY) : null; // i%5 < 2: late
      const outcome: ClaimOutcome | null = resolved ? (['mediated', 'not_mediated', 'withdrawn'] as const)[Math.floor(i / 4) % 3] : null;
      claim({
        org: codes[i % 4],
        at: submitted,
        category: cats[i % 5],
        status: resolved ? 'closed' : responded ? 'in_progress' : 'submitted',
        handlingTier: (((i % 7) % 3) + 1) as 1 | 2 | 3,
        firstResponseAt,
        acceptedAt: firstResponseAt,
        mediationDueAt,
        resolvedAt,
        outcome,
        agreedFen: outcome === 'mediated' ? 10_000 * (i + 1) : null,
        recoveredFen: outcome === 'mediated' && i % 3 === 0 ? 5_000 * (i + 1) : null,
        ratingScore: resolved ? (i % 5) + 1 : null,
      });
    }
    // running claims overdue now (outside the period, counted by 当前超期 whatever the period)
    claim({ org: 'XM-SM-JL', at: new Date(now.getTime() - 10 * DAY), category: 'wages', status: 'in_progress', dueAt: new Date(now.getTime() - DAY) });
    claim({ org: 'XM-HL', at: new Date(now.getTime() - 10 * DAY), category: 'wages', status: 'submitted', dueAt: new Date(now.getTime() - 2 * DAY) });
    claim({ org: 'XM-SM', at: new Date(now.getTime() - DAY), category: 'wages', status: 'submitted', dueAt: new Date(now.getTime() + DAY) });
    // this year, for the public figures: 6 bonus claims in 思明 (shown), 3 injury (folded into 其他), 5 contract in 湖里
    const thisYear = (k: number) => new Date(at(`${year}-01-01T09:00:00`).getTime() + k * 3600_000);
    for (let k = 0; k < 6; k++) claim({ org: k % 2 ? 'XM-MT' : 'XM-SM', at: thisYear(k), category: 'bonus', status: 'closed', resolvedAt: thisYear(k + 10), recoveredFen: 100 * (k + 1), ratingScore: k + 1 > 5 ? 5 : k + 1 });
    for (let k = 0; k < 3; k++) claim({ org: 'XM-SM-JL', at: thisYear(20 + k), category: 'injury', status: 'submitted' });
    for (let k = 0; k < 5; k++) claim({ org: 'XM-HL', at: thisYear(30 + k), category: 'contract', status: 'closed', resolvedAt: thisYear(40 + k), ratingScore: 4 });
    await t.ds.getRepository(Claim).insert(fixtures);
  });
  afterAll(() => t.close());

  const inSubtree = (code: string | null) => (c: Claim) => !code || [...orgs.values()].find((o) => o.id === c.orgId)!.path.startsWith(orgs.get(code)!.path);
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);

  /** The dashboard computed here from the fixture rows. */
  const expectedDashboard = (code: string | null, from: string, to: string) => {
    const start = at(`${from}T00:00:00`).getTime();
    const end = at(`${to}T00:00:00`).getTime() + DAY;
    const rows = fixtures.filter((c) => inSubtree(code)(c) && c.submittedAt.getTime() >= start && c.submittedAt.getTime() < end);
    const count = (f: (c: Claim) => boolean) => rows.filter(f).length;
    const sum = (f: (c: Claim) => number | null) => rows.reduce((s, c) => s + (f(c) ?? 0), 0);
    const rated = rows.filter((c) => c.ratingScore !== null);
    const month = (c: Claim) => new Date(c.submittedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    return {
      received: rows.length,
      firstResponseOnTime: { numerator: count((c) => !!c.firstResponseAt && c.firstResponseAt <= c.firstResponseDueAt), denominator: count((c) => !!c.firstResponseAt || c.firstResponseDueAt < now) },
      mediationOnTime: { numerator: count((c) => !!c.mediationDueAt && !!c.resolvedAt && c.resolvedAt <= c.mediationDueAt), denominator: count((c) => !!c.mediationDueAt && (!!c.resolvedAt || c.mediationDueAt < now)) },
      mediatedSuccessfully: { numerator: count((c) => c.outcome === 'mediated'), denominator: count((c) => !!c.outcome && c.outcome !== 'withdrawn') },
      byTier: [1, 2, 3].map((tier) => count((c) => c.handlingTier === tier)),
      agreedFen: sum((c) => c.agreedFen),
      recoveredFen: sum((c) => c.recoveredFen),
      averageRating: rated.length ? Math.round((rated.reduce((s, c) => s + c.ratingScore!, 0) / rated.length) * 100) / 100 : null,
      satisfaction: { numerator: rated.filter((c) => c.ratingScore! >= 4).length, denominator: rated.length },
      overdueNow: fixtures.filter((c) => inSubtree(code)(c) && !!c.dueAt && c.dueAt < now).length,
      byCategory: Object.fromEntries([...new Set(rows.map((c) => c.category))].map((k) => [k, count((c) => c.category === k)])),
      byMonth: Object.fromEntries([...new Set(rows.map(month))].map((m) => [m, [count((c) => month(c) === m), count((c) => month(c) === m && !!c.resolvedAt)]])),
    };
  };

  it.each([
    ['思明区 officer', () => officerSM, 'XM-SM'],
    ['湖里区 officer', () => officerHL, 'XM-HL'],
    ['admin (city)', () => admin, null],
  ] as const)('gives the %s every figure of Q1 2025, exactly', async (_who, session, code) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/claims/dashboard?from=2025-01-01&to=2025-03-31', headers: session().auth });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const e = expectedDashboard(code, '2025-01-01', '2025-03-31');
    expect(e.received).toBeGreaterThan(3);
    // the fixture gives every share both parts (no figure passes by being 0 / 0)
    for (const k of ['firstResponseOnTime', 'mediationOnTime', 'mediatedSuccessfully', 'satisfaction'] as const) expect(e[k].numerator * (e[k].denominator - e[k].numerator)).toBeGreaterThan(0);
    expect(d.received).toBe(e.received);
    for (const k of ['firstResponseOnTime', 'mediationOnTime', 'mediatedSuccessfully', 'satisfaction'] as const) {
      expect([k, d[k]]).toEqual([k, { ...e[k], percent: pct(e[k].numerator, e[k].denominator) }]);
    }
    expect(d.byTier.map((x: { received: number }) => x.received)).toEqual(e.byTier);
    expect(d.byTier.map((x: { label: string }) => x.label)).toEqual(['工会调解', '联动调处中心调解', '仲裁/诉讼引导']);
    expect({ agreed: d.agreedFen, recovered: d.recoveredFen, unpaid: d.agreedUnpaidFen }).toEqual({ agreed: e.agreedFen, recovered: e.recoveredFen, unpaid: e.agreedFen - e.recoveredFen });
    expect(d.averageRating).toBe(e.averageRating);
    expect(d.overdueNow).toBe(e.overdueNow);
    expect(Object.fromEntries(d.byCategory.map((x: { category: string; received: number }) => [x.category, x.received]))).toEqual(e.byCategory);
    expect(d.byMonth.map((x: { month: string }) => x.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    for (const m of d.byMonth) expect([m.month, m.received, m.resolved]).toEqual([m.month, ...(e.byMonth[m.month] ?? [0, 0])]);
  });

  it("keeps officers to their subtree and refuses bad periods", async () => {
    const get = (s: Session, q: string) => t.app.inject({ method: 'GET', url: `/api/claims/dashboard${q}`, headers: s.auth });
    expect((await get(officerSM, '?org=XM-HL')).statusCode).toBe(403);
    expect((await get(officerSM, '?org=XM-SM-JL')).json().received).toBe(expectedDashboard('XM-SM-JL', `${year}-01-01`, new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)).received);
    const bad = await get(officerSM, '?from=2025-03-01&to=2025-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('from');
    const worker = await devLogin(t.app, 'dashboard-worker');
    expect((await get(worker, '')).statusCode).toBe(403);
  });

  it('publishes this year per district and for the city without login, small categories folded into 其他', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/claims/figures' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const f = res.json();
    expect(f.year).toBe(year);
    const start = at(`${year}-01-01T00:00:00`).getTime();
    const rows = fixtures.filter((c) => c.submittedAt.getTime() >= start);
    const areaOf = (code: string | null) => {
      const mine = rows.filter(inSubtree(code));
      const rated = mine.filter((c) => c.ratingScore !== null);
      return {
        received: mine.length,
        closed: mine.filter((c) => !!c.resolvedAt).length,
        recoveredFen: mine.reduce((s, c) => s + (c.recoveredFen ?? 0), 0),
        satisfactionPercent: pct(rated.filter((c) => c.ratingScore! >= 4).length, rated.length),
      };
    };
    expect(f.city).toMatchObject({ name: '全市', ...areaOf(null) });
    const sm = f.districts.find((d: { code: string }) => d.code === 'XM-SM');
    const hl = f.districts.find((d: { code: string }) => d.code === 'XM-HL');
    expect(sm).toMatchObject({ name: '思明区总工会', ...areaOf('XM-SM') });
    expect(hl).toMatchObject(areaOf('XM-HL'));
    // 思明: bonus 6 shown; injury 3 (< 5) plus the running wages claims folded into 其他
    const smRows = rows.filter(inSubtree('XM-SM'));
    const smBonus = smRows.filter((c) => c.category === 'bonus').length;
    expect(sm.byCategory).toEqual([
      { label: '奖金/提成', received: smBonus },
      { label: '其他', received: smRows.length - smBonus },
    ]);
    expect(hl.byCategory[0]).toEqual({ label: '劳动合同', received: 5 });
    // aggregates only: nothing that names a claim or a person
    expect(JSON.stringify(f)).not.toMatch(/SQ2098|workerId|"id"/);
  });
});
