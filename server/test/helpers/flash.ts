import { randomUUID } from 'node:crypto';
import { Membership } from '../../src/memberships/membership.entity';
import { Org } from '../../src/orgs/org.entity';
import type { claimsHelpers } from './claims';
import type { Session, TestApp } from './test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The flash-claim tests' common ground, bound to a test app a `beforeAll` creates later: members written directly
 * (many at once, for races), a published campaign open now, and the statements a piece of work sends.
 * `memberNoPrefix` keeps each file's card numbers apart on a shared database.
 */
export function flashHelpers(app: () => TestApp, { post, worker }: Pick<ReturnType<typeof claimsHelpers>, 'post' | 'worker'>, memberNoPrefix: string) {
  let seq = 0;
  /** `n` active members of `orgCode` (default the Meituan union, in the 思明区 subtree), each a worker session. */
  const members = async (n: number, orgCode = 'XM-MT') => {
    const t = app();
    const org = await t.ds.getRepository(Org).findOneByOrFail({ code: orgCode });
    const out: Session[] = [];
    for (let i = 0; i < n; i++) {
      const s = await worker();
      const key = randomUUID();
      await t.ds.getRepository(Membership).insert({ id: randomUUID(), memberNo: `${memberNoPrefix}${Date.now() % 1e8}${String(++seq).padStart(5, '0')}`, userId: s.user.id, orgId: org.id, idHash: key, name: '测试', status: 'active', activeKey: key, applicationId: randomUUID(), since: new Date(), endedAt: null, endReason: null });
      out.push(s);
    }
    return out;
  };
  /** A 满50减10 campaign of the 思明区 federation, open since an hour, published by `officer`; returns its id. */
  const published = async (officer: Session, stock: number, o: { perMemberLimit?: number; count?: number } = {}) => {
    const body = {
      title: '骑手午餐满50减10',
      orgCode: 'XM-SM',
      items: [{ kind: 'threshold', thresholdFen: 5000, discountFen: 1000, percentOff: null, capFen: null, count: o.count ?? 1 }],
      stock,
      perMemberLimit: o.perMemberLimit ?? 1,
      perDayLimit: null,
      claimOpensAt: new Date(Date.now() - HOUR).toISOString(),
      claimClosesAt: new Date(Date.now() + 7 * DAY).toISOString(),
      validity: { mode: 'days', days: 30 },
      merchantIds: 'all',
    };
    const c = (await post(officer, '/api/benefits/campaigns', body)).json();
    await post(officer, `/api/benefits/campaigns/${c.id}/publish`);
    return c.id as string;
  };
  /** Runs `work` and returns the statements it sent (every query of every query runner, BEGIN and COMMIT included). */
  const counted = async (work: () => Promise<unknown>): Promise<string[]> => {
    const runner = app().ds.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const spy = jest.spyOn(proto, 'query');
    try {
      await work();
      return spy.mock.calls.map((c) => String(c[0]));
    } finally {
      spy.mockRestore();
    }
  };
  return { members, published, counted };
}
