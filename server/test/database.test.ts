import { pendingSchemaChanges } from '../src/database/migrate';
import { TransactionService } from '../src/database/transaction.service';
import { newId } from '../src/database/columns';
import { Org } from '../src/orgs/org.entity';
import { OrgsService } from '../src/orgs/orgs.service';
import { DIALECT, createTestApp, type TestApp } from './helpers/test-app';

describe(`database (${DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('migrations leave no drift between entities and schema', async () => {
    const { up } = await pendingSchemaChanges(t.ds);
    expect(up).toEqual([]);
  });

  it('migrations can be reverted and re-applied', async () => {
    await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await t.ds.showMigrations()).toBe(true);
    await t.ds.runMigrations({ transaction: 'each' });
    expect(await t.ds.showMigrations()).toBe(false);
    // the demo seed is gone with the tables; put it back for the other tests
    const { seedDemo } = await import('../src/seed/seed.js');
    await seedDemo(t.ds);
  });

  it('concurrent transactions stay atomic: a failing one leaves nothing behind', async () => {
    const tx = t.app.get(TransactionService);
    const orgs = t.ds.getRepository(Org);
    const base = await orgs.findOneByOrFail({ code: 'XM-SM-LQ' });
    const make = (code: string) =>
      orgs.create({ id: newId(), code, name: code, level: 'enterprise', parentId: base.id, path: `${base.path}tx-${code}/`, depth: 3, createdAt: new Date(), updatedAt: new Date() });
    const jobs = Array.from({ length: 12 }, (_, i) =>
      tx.run(async (em) => {
        await em.insert(Org, make(`TXA${i}`));
        await new Promise((r) => setTimeout(r, 5));
        if (i % 3 === 0) throw new Error('boom');
        await em.insert(Org, make(`TXB${i}`));
      }),
    );
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
    for (let i = 0; i < 12; i++) {
      const expected = i % 3 === 0 ? 0 : 1;
      expect(await orgs.countBy({ code: `TXA${i}` })).toBe(expected);
      expect(await orgs.countBy({ code: `TXB${i}` })).toBe(expected);
    }
  });

  it('ancestors and descendants come from the materialised path', async () => {
    const svc = t.app.get(OrgsService);
    const mt = await svc.getByCode('XM-MT');
    expect((await svc.ancestors(mt)).map((o) => o.code)).toEqual(['XM', 'XM-SM', 'XM-SM-JL', 'XM-MT']);
    expect((await svc.ancestors(mt, false)).map((o) => o.code)).toEqual(['XM', 'XM-SM', 'XM-SM-JL']);
    const hl = await svc.getByCode('XM-HL');
    const below = (await svc.descendants(hl, false)).map((o) => o.code);
    expect(below.sort()).toEqual(['XM-DIDI', 'XM-HL-HS', 'XM-HL-XJY', 'XM-JDL', 'XM-SF'].sort());
    expect((await svc.children(hl)).map((o) => o.code).sort()).toEqual(['XM-DIDI', 'XM-HL-HS', 'XM-HL-XJY']);
  });

  it('the demo city is seeded once: seeding again adds nothing', async () => {
    const { seedDemo } = await import('../src/seed/seed.js');
    expect(await seedDemo(t.ds)).toEqual({ orgs: 0, users: 0, stations: 0 });
    const orgs = await t.ds.getRepository(Org).find();
    expect(orgs.filter((o) => o.level === 'district' && !o.isMediationCentre)).toHaveLength(6);
    expect(orgs.filter((o) => o.catchAll)).toHaveLength(6);
    expect(orgs.filter((o) => o.isMediationCentre)).toHaveLength(1);
  });
});
