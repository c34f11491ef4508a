import { Claim } from '../src/claims/claim.entity';
import { newId } from '../src/database/columns';
import { DIALECT, createTestApp, type TestApp } from './helpers/test-app';

/** The ClaimDeadlines migration on claims filed before it: flags split per deadline, the applicable deadline filled in. */
describe(`claims deadline migration keeps existing claims right (${DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const applied = async () => ((await t.ds.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((m) => m.name);

  it('backfills firstResponseEstimated, mediationEstimated and dueAt from the old combined flag', async () => {
    // back to the schema before the migration (and anything after it)
    while ((await applied()).some((n) => n.startsWith('ClaimDeadlines'))) await t.ds.undoLastMigration({ transaction: 'each' });
    const org = ((await t.ds.query(`SELECT id FROM orgs WHERE code = 'XM-SM'`)) as Array<{ id: string }>)[0].id;
    const q = DIALECT === 'sqlite' ? '"' : '`';
    const cols = ['id', 'number', 'workerId', 'category', 'employerName', 'description', 'contactPreference', 'status', 'orgId', 'tier', 'routedBy', 'firstResponseDueAt', 'mediationDueAt', 'deadlineEstimated', 'reopenCount', 'submittedAt', 'updatedAt'];
    const rows: Array<[string, string, string | null, boolean]> = [
      // status, firstResponseDueAt, mediationDueAt, deadlineEstimated
      ['submitted', '2027-01-05 15:59:59.999', null, true],
      ['accepted', '2026-12-02 15:59:59.999', '2027-01-06 15:59:59.999', true],
      ['in_progress', '2026-12-02 15:59:59.999', '2026-12-04 15:59:59.999', false],
      ['resolved', '2026-12-02 15:59:59.999', '2026-12-04 15:59:59.999', false],
      ['reopened', '2026-12-09 15:59:59.999', null, false],
    ];
    const ids: string[] = [];
    for (const [i, [status, first, mediation, estimated]] of rows.entries()) {
      const id = newId();
      ids.push(id);
      const values = [id, `SQ2026900${i}00`, newId(), 'wages', '某某配送站', '迁移前的诉求', 'message', status, org, 0, 'district', first, mediation, estimated ? 1 : 0, 0, '2026-12-01 02:00:00.000', '2026-12-01 02:00:00.000'];
      await t.ds.query(`INSERT INTO ${q}claims${q} (${cols.map((c) => `${q}${c}${q}`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
    }

    await t.ds.runMigrations({ transaction: 'each' });
    expect(await t.ds.showMigrations()).toBe(false);

    const repo = t.ds.getRepository(Claim);
    const got = await Promise.all(ids.map((id) => repo.findOneByOrFail({ id })));
    expect(got.map((c) => [c.status, c.firstResponseEstimated, c.mediationEstimated])).toEqual([
      ['submitted', true, false],
      ['accepted', true, true],
      ['in_progress', false, false],
      ['resolved', false, false],
      ['reopened', false, false],
    ]);
    const due = got.map((c) => c.dueAt?.getTime() ?? null);
    expect(due).toEqual([got[0].firstResponseDueAt.getTime(), got[1].mediationDueAt!.getTime(), got[2].mediationDueAt!.getTime(), null, got[4].firstResponseDueAt.getTime()]);
  });
});
