import { shanghaiDate } from '@nuanxin/shared';
import { Claim } from '../src/claims/claim.entity';
import { newId } from '../src/database/columns';
import { claimsHelpers } from './helpers/claims';
import { DIALECT, createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * The dashboards' summary rows (`claim_figures`) stay equal to a from-scratch computation over the claims after
 * random sequences of claim actions through the API (filing, accept, reply, resolve with agreements, payments,
 * rating, reopen, withdraw, escalate, refer to the centre, transfer), after concurrent filings into one new row,
 * and after the backfill migration over claims the summary never saw.
 */
describe(`claims dashboard summary rows (${DIALECT})`, () => {
  let t: TestApp;
  let city: Session;
  const { post, get, worker, file } = claimsHelpers(() => t, 'figures-worker');

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    city = await devLogin(t.app, 'figures-officer-city', ['officer'], 'XM');
  });
  afterAll(() => t.close());

  const q = (s: string) => (DIALECT === 'sqlite' ? `"${s}"` : `\`${s}\``);
  const KEYS = ['received', 'frOnTime', 'frAnswered', 'medOnTime', 'medResolved', 'mediated', 'withOutcome', 'resolved', 'agreed', 'recovered', 'rated', 'ratingSum', 'satisfied'];

  /** The summary rows as stored, zero rows left out (a claim moving away leaves its old row at zero). */
  const stored = async () => {
    const rows = (await t.ds.query(`SELECT * FROM ${q('claim_figures')}`)) as Array<Record<string, unknown>>;
    const out: Record<string, number[]> = {};
    for (const r of rows) {
      const v = KEYS.map((k) => Number(r[k]));
      if (v.some((x) => x !== 0)) out[`${r.orgId}|${r.month}|${r.category}|${r.handlingTier}`] = v;
    }
    return out;
  };

  /** The same sums computed here, in plain JS, from every claim row. */
  const fromScratch = async () => {
    const out: Record<string, number[]> = {};
    for (const c of await t.ds.getRepository(Claim).find()) {
      const key = `${c.orgId}|${shanghaiDate(c.submittedAt).slice(0, 7)}|${c.category}|${c.handlingTier}`;
      const fr = c.firstResponseAt?.getTime() ?? null;
      const res = c.resolvedAt?.getTime() ?? null;
      const med = c.mediationDueAt?.getTime() ?? null;
      const v = [
        1,
        fr !== null && fr <= c.firstResponseDueAt.getTime() ? 1 : 0,
        fr !== null ? 1 : 0,
        med !== null && res !== null && res <= med ? 1 : 0,
        med !== null && res !== null ? 1 : 0,
        c.outcome === 'mediated' ? 1 : 0,
        c.outcome && c.outcome !== 'withdrawn' ? 1 : 0,
        res !== null ? 1 : 0,
        c.agreedFen ?? 0,
        c.recoveredFen ?? 0,
        c.ratingScore !== null ? 1 : 0,
        c.ratingScore ?? 0,
        (c.ratingScore ?? 0) >= 4 ? 1 : 0,
      ];
      out[key] = (out[key] ?? KEYS.map(() => 0)).map((x, i) => x + v[i]);
    }
    for (const [k, v] of Object.entries(out)) if (v.every((x) => x === 0)) delete out[k];
    return out;
  };

  it('equals the claims after random sequences of claim actions', async () => {
    let seed = 20261202;
    const rand = () => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const today = shanghaiDate(new Date());
    const done = new Map<string, number>();
    const categories = ['wages', 'injury', 'contract', 'bonus'];
    const districts = ['XM-SM', 'XM-HL', 'XM-JM'];

    const actions: Array<[string, (c: { id: string; w: Session }) => Promise<{ statusCode: number }>]> = [
      ['accept', (c) => post(city, `/api/claims/${c.id}/accept`)],
      ['reply', (c) => post(city, `/api/claims/${c.id}/reply`, { text: '已联系用人单位，正在协调。' })],
      ['resolve', (c) => post(city, `/api/claims/${c.id}/resolve`, { outcome: pick(['not_mediated', 'mediated', 'arbitrated']), amountRecoveredFen: pick([0, 5000]), summary: '已办结' })],
      ['resolve+agreement', (c) => post(city, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '达成调解协议', agreement: { amountFen: pick([80_000, 125_000]), dueDate: today } })],
      ['payment', async (c) => {
        const prompt = (await get(c.w, `/api/claims/${c.id}`)).json().paymentPrompt;
        if (!prompt) return { statusCode: 409 };
        return post(c.w, `/api/claims/${c.id}/payment`, { instalmentId: prompt.instalmentId, received: rand() < 0.7 });
      }],
      ['rating', (c) => post(c.w, `/api/claims/${c.id}/rating`, { score: pick([1, 2, 3, 4, 5]) })],
      ['reopen', (c) => post(c.w, `/api/claims/${c.id}/reopen`, { reason: '还没解决' })],
      ['withdraw', (c) => post(c.w, `/api/claims/${c.id}/withdraw`, {})],
      ['escalate', (c) => post(city, `/api/claims/${c.id}/escalate`, { note: '需要上级工会协调' })],
      ['refer', (c) => post(city, `/api/claims/${c.id}/refer`, { note: '疑难诉求，转联动调处中心' })],
      ['transfer', (c) => post(city, `/api/claims/${c.id}/transfer`, { department: 'labour_bureau', note: '转劳动监察' })],
    ];

    /** A random path for one claim through the states a figure distinguishes (any step may meet a 409 later). */
    const plan = (): string[] => {
      const p: string[] = [];
      const maybe = (chance: number, ...names: string[]) => rand() < chance && p.push(...names);
      if (rand() < 0.1) return ['withdraw'];
      maybe(0.15, 'escalate');
      p.push('accept');
      maybe(0.6, 'reply');
      if (rand() < 0.25) p.push('refer', 'accept');
      if (rand() < 0.1) return [...p, 'transfer'];
      p.push(rand() < 0.4 ? 'resolve+agreement' : 'resolve');
      maybe(0.6, 'payment');
      maybe(0.8, 'rating');
      if (rand() < 0.4) p.push('reopen', 'accept', 'resolve', 'rating');
      maybe(0.05, 'withdraw');
      return p;
    };
    const act = new Map(actions);
    const live: Array<{ id: string; w: Session; steps: string[] }> = [];
    let filed = 0;
    for (let step = 0; filed < 40 || live.length; step++) {
      if (filed < 40 && (live.length < 3 || rand() < 0.2)) {
        const w = await worker();
        const c = await file(w, { category: pick(categories), districtCode: pick(districts) });
        live.push({ id: c.id, w, steps: plan() });
        filed++;
        continue;
      }
      const target = pick(live);
      const name = target.steps.shift()!;
      if (!target.steps.length) live.splice(live.indexOf(target), 1);
      const res = (await act.get(name)!(target)) as { statusCode: number; body?: string };
      if (![200, 201, 403, 404, 409].includes(res.statusCode)) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
      if (res.statusCode < 300) done.set(name, (done.get(name) ?? 0) + 1);
      if (step % 50 === 49) expect(await stored()).toEqual(await fromScratch());
    }
    expect(await stored()).toEqual(await fromScratch());
    // the sequence really moved the figures every way: orgs, tiers, outcomes, money, ratings
    for (const name of ['accept', 'reply', 'resolve', 'resolve+agreement', 'payment', 'rating', 'reopen', 'withdraw', 'escalate', 'refer', 'transfer']) expect([name, (done.get(name) ?? 0) > 0]).toEqual([name, true]);
  }, 120_000);

  it('counts concurrent filings into a row that does not exist yet once each', async () => {
    const workers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => worker()));
    await Promise.all(workers.map((w) => file(w, { category: 'platform_rules', districtCode: 'XM-HL' })));
    const figures = await stored();
    const hl = Object.entries(figures).filter(([k]) => k.endsWith('|platform_rules|1'));
    expect(hl.reduce((s, [, v]) => s + v[0], 0)).toBe(6);
    expect(figures).toEqual(await fromScratch());
  });

  it('is backfilled by its migration for claims written before it', async () => {
    // a claim written behind the summary's back (raw SQL, as a database restored from before the release would hold)
    const org = ((await t.ds.query(`SELECT id FROM ${q('orgs')} WHERE code = 'XM-SM'`)) as Array<{ id: string }>)[0].id;
    const cols = ['id', 'number', 'workerId', 'category', 'employerName', 'description', 'contactPreference', 'status', 'orgId', 'tier', 'routedBy', 'handlingTier', 'difficult', 'firstResponseDueAt', 'firstResponseAt', 'mediationDueAt', 'firstResponseEstimated', 'mediationEstimated', 'outcome', 'agreedFen', 'recoveredFen', 'ratingScore', 'reopenCount', 'submittedAt', 'resolvedAt', 'updatedAt'];
    const values = [newId(), 'SQ2024000001', newId(), 'bonus', '某某配送站', '迁移前的诉求', 'message', 'closed', org, 0, 'district', 2, 0, '2024-03-05 02:00:00.000', '2024-03-04 09:00:00.000', '2024-03-12 02:00:00.000', 0, 0, 'mediated', 90000, 40000, 5, 0, '2024-03-04 02:00:00.000', '2024-03-10 02:00:00.000', '2024-03-10 02:00:00.000'];
    await t.ds.query(`INSERT INTO ${q('claims')} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
    expect(await stored()).not.toEqual(await fromScratch());

    const applied = async () => ((await t.ds.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((m) => m.name);
    while ((await applied()).some((n) => n.startsWith('ClaimFigures'))) await t.ds.undoLastMigration({ transaction: 'each' });
    await t.ds.runMigrations({ transaction: 'each' });
    expect(await t.ds.showMigrations()).toBe(false);
    const figures = await stored();
    expect(figures).toEqual(await fromScratch());
    expect(figures[`${org}|2024-03|bonus|2`]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 90000, 40000, 1, 5, 1]);
  });
});
