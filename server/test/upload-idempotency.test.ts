import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/** Another valid 1×1 PNG (a red pixel): the same kind of upload, other bytes. */
const PNG_RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

/**
 * An upload's file is its body: the Idempotency-Key's request hash takes the sha256 of each file. Before, the hash saw
 * only the (empty) JSON body, so the same key with another photo replayed the first upload's answer — the rider's second
 * photo was silently dropped and the first one attached in its place.
 */
describe(`uploads: the same Idempotency-Key with another file on ${DIALECT}`, () => {
  let t: TestApp;
  let s: Session;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    s = await devLogin(t.app, 'upload-idem-worker');
  }, 180_000);
  afterAll(() => t?.close());

  const upload = (url: string, key: string, files: Array<{ content: Buffer; filename?: string; field?: string }>) => {
    const form = multipart(files.map((f) => ({ field: f.field, filename: f.filename ?? 'photo.png', type: 'image/png', content: f.content })));
    return t.app.inject({ method: 'POST', url, headers: { ...s.auth, ...form.headers, 'idempotency-key': key }, payload: form.payload });
  };
  const rows = async () => {
    const out: Record<string, number> = {};
    for (const m of t.ds.entityMetadatas) {
      if (m.tableType !== 'regular' || m.tableName === 'job_runs') continue;
      const [row] = (await t.ds.query(`SELECT COUNT(*) AS n FROM ${t.ds.driver.escape(m.tableName)}`)) as Array<{ n: number | string }>;
      out[m.tableName] = Number(row.n);
    }
    return out;
  };
  const ids = (body: unknown): string[] => (Array.isArray(body) ? body : [body]).map((x: { id: string }) => x.id);

  for (const url of ['/api/wishes/photos', '/api/claims/attachments']) {
    it(`${url}: a retry with the same file replays; another file under that key is 422 IDEMPOTENCY_KEY_REUSED and stores nothing`, async () => {
      const key = `upload-idem-${url.split('/')[2]}-1`;
      const first = await upload(url, key, [{ content: PNG_1PX }]);
      expect([first.statusCode, first.headers['idempotent-replayed']]).toEqual([201, undefined]);
      // A retry (same bytes; a browser may name the file differently) is the same request.
      const again = await upload(url, key, [{ content: PNG_1PX, filename: 'IMG_0001.png' }]);
      expect([again.statusCode, again.headers['idempotent-replayed'], ids(again.json())]).toEqual([201, 'true', ids(first.json())]);

      const before = await rows();
      const other = await upload(url, key, [{ content: PNG_RED }]);
      expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
      expect(await rows()).toEqual(before);

      // The other photo under its own key is stored as a new upload.
      const fresh = await upload(url, `${key}-b`, [{ content: PNG_RED }]);
      expect(fresh.statusCode).toBe(201);
      expect(ids(fresh.json())).not.toEqual(ids(first.json()));
    });
  }

  it('claim evidence: the same files in another order or one more file is another request', async () => {
    const url = '/api/claims/attachments';
    const first = await upload(url, 'upload-idem-order-1', [{ content: PNG_1PX }, { content: PNG_RED }]);
    expect([first.statusCode, first.json().length]).toEqual([201, 2]);
    expect((await upload(url, 'upload-idem-order-1', [{ content: PNG_RED }, { content: PNG_1PX }])).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await upload(url, 'upload-idem-order-1', [{ content: PNG_1PX }, { content: PNG_RED }, { content: PNG_RED }])).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const replay = await upload(url, 'upload-idem-order-1', [{ content: PNG_1PX }, { content: PNG_RED }]);
    expect([replay.headers['idempotent-replayed'], ids(replay.json())]).toEqual(['true', ids(first.json())]);
  });

  it('a refused upload frees its key: the wrong field answers as before, then the right upload under that key is stored', async () => {
    const url = '/api/wishes/photos';
    const wrong = await upload(url, 'upload-idem-wrong-1', [{ content: PNG_1PX, field: 'photo' }]);
    expect([wrong.statusCode, wrong.json().errors]).toEqual([400, [{ field: 'photo', message: '照片请放在 file 字段上传' }]]);
    const right = await upload(url, 'upload-idem-wrong-1', [{ content: PNG_1PX }]);
    expect([right.statusCode, right.headers['idempotent-replayed']]).toEqual([201, undefined]);
    // Not multipart at all: 415 as before, with or without a key.
    const json = await t.app.inject({ method: 'POST', url, headers: { ...s.auth, 'content-type': 'application/json', 'idempotency-key': 'upload-idem-json-1' }, payload: '{}' });
    expect([json.statusCode, json.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});
