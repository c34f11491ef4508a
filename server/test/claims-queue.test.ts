import { CLAIM_TRANSITIONS } from '@nuanxin/shared';
import { In } from 'typeorm';
import { ClaimQueue } from '../src/claims/claim-queue.service';
import { Claim } from '../src/claims/claim.entity';
import { UsersService } from '../src/users/users.service';
import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** The officer queue: deadline order (overdue first) and newest order, both keyset-paginated across pages. */
describe('claims queue order and pagination', () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session;
  const ids: string[] = [];

  const { post, get } = claimsHelpers(() => t, 'queue-worker');
  const hours = (h: number) => new Date(Date.now() + h * 3600_000);

  beforeAll(async () => {
    // No jobs: a page's statements are counted at the driver, and a job's tick would be counted with them.
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    for (let i = 0; i < 46; i++) {
      const w = await devLogin(t.app, `queue-worker-${i}`);
      const res = await post(w, '/api/claims', {
        category: 'wages',
        employerName: '某某配送站',
        description: `第 ${i} 号诉求：工资未按时发放。`,
        contactPreference: 'message',
        districtCode: 'XM-SM',
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
      if (i % 5 === 4) expect((await post(w, `/api/claims/${ids[i]}/withdraw`)).statusCode).toBe(200); // no deadline
    }
    for (const i of [0, 1, 2, 3, 6, 7, 8, 10, 11, 12, 13, 15]) expect((await post(officerSM, `/api/claims/${ids[i]}/accept`)).statusCode).toBe(200);
    for (const i of [0, 1, 2]) {
      expect((await post(officerSM, `/api/claims/${ids[i]}/resolve`, { outcome: 'mediated', summary: '已解决' })).statusCode).toBe(200); // no deadline
    }
    // the clock: some deadlines moved into the past (overdue), some sharing one instant, some sharing a submission time
    const repo = t.ds.getRepository(Claim);
    const overdueFirst = [16, 17, 18, 20, 21, 22, 23, 25];
    for (const [k, i] of overdueFirst.entries()) {
      const due = k < 3 ? hours(-48) : hours(-k);
      await repo.update({ id: ids[i] }, { firstResponseDueAt: due, dueAt: due });
    }
    for (const [k, i] of [6, 7, 8].entries()) {
      const due = hours(-10 - k);
      await repo.update({ id: ids[i] }, { mediationDueAt: due, dueAt: due });
    }
    const sameInstant = hours(-1);
    for (const i of [16, 17, 30, 31, 32, 4, 9]) await repo.update({ id: ids[i] }, { submittedAt: sameInstant });
  }, 300_000); // 46 claims filed over HTTP: minutes on a loaded machine
  afterAll(() => t.close());

  /** Every page of a query, following nextCursor; fails on a page that repeats an item. */
  const allPages = async (query: string, s = officerSM) => {
    const seen: Array<{ id: string; overdue: boolean; dueAt: string | null; status: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = query ? '&' : '';
      const res = await get(s, `/api/claims?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(20);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (cursor) expect(body.items).toHaveLength(20);
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen.map((x) => x.id)).size).toBe(seen.length);
    return { items: seen, pages };
  };

  /** The expected order, computed here from the rows: deadline ascending, none last; then newest; then id. */
  const expected = async (filter: (c: Claim) => boolean = () => true) => {
    const rows = (await t.ds.getRepository(Claim).find()).filter(filter);
    const desc = (a: Claim, b: Claim) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    return rows
      .sort((a, b) => {
        if (!a.dueAt !== !b.dueAt) return a.dueAt ? -1 : 1;
        return (a.dueAt && b.dueAt ? a.dueAt.getTime() - b.dueAt.getTime() : 0) || desc(a, b);
      })
      .map((c) => c.id);
  };

  it('by default puts overdue claims first, then the nearest deadlines, then claims without one, across pages', async () => {
    const { items, pages } = await allPages('');
    expect(pages).toBe(3);
    expect(items.map((x) => x.id)).toEqual(await expected());
    expect(items.map((x) => x.id).sort()).toEqual([...ids].sort());
    const firstNotOverdue = items.findIndex((x) => !x.overdue);
    expect(firstNotOverdue).toBe(11);
    expect(items.slice(firstNotOverdue).every((x) => !x.overdue)).toBe(true);
    const withoutDeadline = items.findIndex((x) => x.dueAt === null);
    expect(items.slice(withoutDeadline).every((x) => x.dueAt === null && ['resolved', 'withdrawn'].includes(x.status))).toBe(true);
    expect(withoutDeadline).toBe(46 - 3 - 9);
  });

  it('pages the overdue filter and a status filter in the same order', async () => {
    const overdue = await allPages('overdue=true');
    expect(overdue.items.map((x) => x.id)).toEqual((await expected()).slice(0, 11));
    const fine = await allPages('overdue=false&sort=deadline');
    expect(fine.items.map((x) => x.id)).toEqual((await expected()).slice(11));
    const submitted = await allPages('status=submitted');
    expect(submitted.items.map((x) => x.id)).toEqual(await expected((c) => c.status === 'submitted'));
    expect(submitted.pages).toBe(2);
  });

  it('sort=newest pages by submission time, newest first', async () => {
    const { items, pages } = await allPages('sort=newest');
    expect(pages).toBe(3);
    const rows = await t.ds.getRepository(Claim).find();
    const order = rows
      .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((c) => c.id);
    expect(items.map((x) => x.id)).toEqual(order);
  });

  it('refuses a cursor from the other order, a forged one and an unknown sort', async () => {
    const page = (await get(officerSM, '/api/claims')).json();
    const swapped = await get(officerSM, `/api/claims?sort=newest&cursor=${page.nextCursor}`);
    expect([swapped.statusCode, swapped.json().errors[0].field]).toEqual([400, 'cursor']);
    const newest = (await get(officerSM, '/api/claims?sort=newest')).json();
    expect((await get(officerSM, `/api/claims?cursor=${newest.nextCursor}`)).statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['d', 'not-a-date', 'x', 1])).toString('base64url');
    expect((await get(officerSM, `/api/claims?cursor=${forged}`)).statusCode).toBe(400);
    const bad = await get(officerSM, '/api/claims?sort=oldest');
    expect([bad.statusCode, bad.json().errors[0].field]).toEqual([400, 'sort']);
  });

  it('an officer outside the district sees none of it', async () => {
    expect((await get(officerHL, '/api/claims')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('a page costs the same few queries whatever its length (no query per row)', async () => {
    const me = (await t.app.get(UsersService).loadAuthUser(officerSM.user.id))!;
    const queue = t.app.get(ClaimQueue);
    const runner = t.ds.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const spy = jest.spyOn(proto, 'query');
    const cost = async (q: object) => {
      spy.mockClear();
      const page = await queue.list(me, q);
      return { rows: page.items.length, queries: spy.mock.calls.length };
    };
    try {
      const full = await cost({});
      const newest = await cost({ sort: 'newest' });
      const small = await cost({ status: 'resolved' });
      expect([full.rows, newest.rows, small.rows]).toEqual([20, 20, 3]);
      for (const c of [full, newest, small]) expect(c.queries).toBeLessThanOrEqual(5);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts the claims waiting for my 受理 in one call; workers may not ask', async () => {
    const awaiting = [...CLAIM_TRANSITIONS.accept.from];
    const expected = await t.ds.getRepository(Claim).countBy({ assigneeId: officerSM.user.id, status: In(awaiting) });
    expect(expected).toBeGreaterThan(0);
    const res = await get(officerSM, '/api/claims/queue-count');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ awaiting: expected });
    expect((await get(officerHL, '/api/claims/queue-count')).json()).toEqual({ awaiting: 0 });
    const w = await devLogin(t.app, 'queue-count-worker');
    expect((await get(w, '/api/claims/queue-count')).statusCode).toBe(403);
  });
});
