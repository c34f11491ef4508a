import { ClaimExport } from '../src/claims/claim-export.entity';
import { EXPORT_KEEP_MS } from '../src/claims/claim-export.service';
import { newId } from '../src/database/columns';
import { Scheduler } from '../src/jobs/scheduler.service';
import { FileStorage } from '../src/storage/storage';
import { claimsHelpers } from './helpers/claims';
import { DIALECT, createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** The claims-export-purge job: finished exports older than 7 days lose their file and their row; others stay. */
describe(`claims export purge (${DIALECT})`, () => {
  let t: TestApp;
  let officer: Session;
  const { post, get } = claimsHelpers(() => t, 'purge-worker');
  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false', STORAGE_DIR: `/tmp/nuanxin-purge-test-${process.pid}-${Date.now()}` });
    officer = await devLogin(t.app, 'demo-officer-sm');
  });
  afterAll(() => t.close());

  it('removes old finished exports (file through storage, then row) and keeps recent, running and pending ones', async () => {
    const storage = t.app.get(FileStorage);
    const repo = t.ds.getRepository(ClaimExport);
    const now = new Date();
    const old = new Date(now.getTime() - EXPORT_KEEP_MS - 60_000);
    const recent = new Date(now.getTime() - EXPORT_KEEP_MS + 3600_000);
    const make = async (status: ClaimExport['status'], createdAt: Date, withFile: boolean) => {
      const id = newId();
      const fileKey = withFile ? `exports/${id}.xlsx` : null;
      if (fileKey) await storage.put(fileKey, Buffer.from('xlsx'));
      await repo.insert({ id, requesterId: officer.user.id, filters: '{}', scope: 'null', status, rowsDone: 0, fileKey, createdAt, finishedAt: status === 'done' || status === 'failed' ? createdAt : null, leaseUntil: status === 'running' ? new Date(now.getTime() + 60_000) : null });
      return { id, fileKey };
    };
    const oldDone = await make('done', old, true);
    const oldFailed = await make('failed', old, false);
    const oldDoneFileGone = await make('done', old, false);
    const recentDone = await make('done', recent, true);
    const oldRunning = await make('running', old, false);
    const oldPending = await make('pending', old, false);

    await t.app.get(Scheduler).runNow('claims-export-purge', now);

    const left = new Set((await repo.find()).map((e) => e.id));
    expect([oldDone, oldFailed, oldDoneFileGone].map((e) => left.has(e.id))).toEqual([false, false, false]);
    expect([recentDone, oldRunning, oldPending].map((e) => left.has(e.id))).toEqual([true, true, true]);
    await expect(storage.get(oldDone.fileKey!)).rejects.toThrow();
    expect((await storage.get(recentDone.fileKey!)).toString()).toBe('xlsx');
  });

  it('leaves a fresh export downloadable: its requester still sees it after a purge run', async () => {
    const start = await post(officer, '/api/claims/exports', {}, { 'idempotency-key': 'purge-fresh-1' });
    expect(start.statusCode).toBe(201);
    // the old pending row of the test above goes first (oldest first), then this one
    await t.app.get(Scheduler).runNow('claims-export');
    await t.app.get(Scheduler).runNow('claims-export');
    await t.app.get(Scheduler).runNow('claims-export-purge', new Date(Date.now() + 3_600_000));
    const p = (await get(officer, `/api/claims/exports/${start.json().id}`)).json();
    expect(p.status).toBe('done');
    expect((await t.app.inject({ method: 'GET', url: p.downloadUrl })).statusCode).toBe(200);
  });
});
