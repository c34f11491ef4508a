import { CLAIM_RULES, ERROR_MESSAGES } from '@nuanxin/shared';
import { Attachment } from '../src/claims/attachment.entity';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Issue 16 on claim photo uploads: an Idempotency-Key on the upload, and at most 30 photos waiting per person. */
describe('claim photo uploads: a key, and a cap on unattached photos', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ STORAGE_DIR: `/tmp/nuanxin-test-holes-uploads-${process.pid}-${Date.now()}` });
  });
  afterAll(() => t.close());

  const upload = (s: Session, count: number, key?: string) => {
    const { payload, headers } = multipart(Array.from({ length: count }, (_, i) => ({ filename: `p${i}.png`, type: 'image/png', content: PNG_1PX })));
    return t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...s.auth, ...headers, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  };
  const waiting = (s: Session) => t.ds.getRepository(Attachment).countBy({ ownerId: s.user.id });

  it('a retried upload with the same key stores the photos once and answers with the same ids', async () => {
    const w = await devLogin(t.app, 'holes-upload-1');
    const first = await upload(w, 2, 'upload-key-00001');
    const again = await upload(w, 2, 'upload-key-00001');
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await waiting(w)).toBe(2);
  });

  it(`takes at most ${CLAIM_RULES.unattachedPhotosMax} unattached photos per person; filing a claim with them frees room`, async () => {
    const w = await devLogin(t.app, 'holes-upload-2');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await upload(w, CLAIM_RULES.photosMax);
      expect(res.statusCode).toBe(201);
      ids.push(...(res.json() as Array<{ id: string }>).map((a) => a.id));
    }
    expect(ids).toHaveLength(27);
    const over = await upload(w, 4);
    expect([over.statusCode, over.json().code, over.json().message]).toEqual([409, 'UPLOADS_UNATTACHED_LIMIT', ERROR_MESSAGES.UPLOADS_UNATTACHED_LIMIT]);
    expect(await waiting(w)).toBe(27);
    expect((await upload(w, 3)).statusCode).toBe(201); // exactly 30
    expect((await upload(w, 1)).json().code).toBe('UPLOADS_UNATTACHED_LIMIT');
    // Someone else is not affected by this person's photos.
    expect((await upload(await devLogin(t.app, 'holes-upload-3'), 1)).statusCode).toBe(201);

    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: w.auth,
      payload: { category: 'wages', employerName: '某某配送站', description: '十月份工资 3500 元至今未发放，站长说平台没结算。', contactPreference: 'message', districtCode: 'XM-SM', attachmentIds: ids.slice(0, CLAIM_RULES.photosMax) },
    });
    expect(filed.statusCode).toBe(201);
    expect((await upload(w, CLAIM_RULES.photosMax)).statusCode).toBe(201);
  });
});
