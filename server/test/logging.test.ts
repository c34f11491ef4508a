import { createTestApp, type TestApp } from './helpers/test-app';
import { scrub } from '../src/common/logger';

describe('log redaction', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'info' }, { write: (s: string) => void lines.push(s) });
  });
  afterAll(() => t.close());

  it('scrub masks mobiles and ID numbers wherever they appear', () => {
    expect(scrub('call 13812345678 or id 35020319900101123X now')).toBe('call 138****5678 or id 3502**********123X now');
    expect(scrub('order 123456789012345678901')).toBe('order 123456789012345678901');
  });

  it('one line per request with a request id, and no token, mobile, ID number or body in any line', async () => {
    lines.length = 0;
    const mobile = '13712345678';
    const idNumber = '35020319900101123X';
    const token = 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-token-part.sig';
    await t.app.inject({ method: 'POST', url: `/api/auth/sms/send?mobile=${mobile}&id=${idNumber}`, headers: { authorization: token, 'x-request-id': 'req-abc-123' }, payload: { mobile } });
    await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code: '000000', idNumber } });
    await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { openid: `x${idNumber}`, note: mobile } });
    const all = lines.join('');
    expect(all).not.toContain(mobile);
    expect(all).not.toContain(idNumber);
    expect(all).not.toContain('secret-token-part');
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({ reqId: 'req-abc-123', method: 'POST', path: '/api/auth/sms/send', status: 200 });
    for (const r of requests) expect(typeof r.reqId).toBe('string');
  });

  it('server faults are logged with the request id and the client sees only the id', async () => {
    lines.length = 0;
    const ds = t.ds;
    await ds.query('DROP TABLE orgs');
    const res = await t.app.inject({ method: 'GET', url: '/api/orgs/XM' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(body.requestId).toBeTruthy();
    expect(res.body).not.toMatch(/orgs|SQL|no such table/i);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
    expect(logged.reqId).toBe(body.requestId);
  });
});
