import fc from 'fast-check';
import { configurePii, decryptPii, encryptPii, parsePiiKeys, piiHash, piiKeyIdOf } from '../src/pii/pii-cipher';
import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { makeApplication, makeIdNumber } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const hmac = Buffer.alloc(32, 42).toString('base64');

describe('PII cipher', () => {
  afterAll(() => configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, hmac)));

  it('round-trips any text and never stores it in the clear', () => {
    configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, hmac));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
        const enc = encryptPii(s);
        return decryptPii(enc) === s && !enc.includes(s.length > 3 ? s : '\u0000never');
      }),
    );
  });

  it('uses a fresh IV each time and detects tampering', () => {
    configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, hmac));
    const a = encryptPii('35020319900101123X');
    expect(encryptPii('35020319900101123X')).not.toBe(a);
    const raw = Buffer.from(a.split('.')[2], 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptPii(`v1.k1.${raw.toString('base64')}`)).toThrow();
  });

  it('rotates keys: new writes use the active key, old rows stay readable', () => {
    configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, hmac));
    const old = encryptPii('13812345678');
    configurePii(parsePiiKeys(`k1:${key(1)},k2:${key(2)}`, 'k2', hmac));
    const fresh = encryptPii('13812345678');
    expect(piiKeyIdOf(old)).toBe('k1');
    expect(piiKeyIdOf(fresh)).toBe('k2');
    expect(decryptPii(old)).toBe('13812345678');
    expect(decryptPii(fresh)).toBe('13812345678');
    // a retired key that is removed can no longer decrypt
    configurePii(parsePiiKeys(`k2:${key(2)}`, 'k2', hmac));
    expect(() => decryptPii(old)).toThrow();
  });

  it('hashes are keyed: the same value under another HMAC key differs', () => {
    configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, hmac));
    const h1 = piiHash('13812345678');
    configurePii(parsePiiKeys(`k1:${key(1)}`, undefined, Buffer.alloc(32, 43).toString('base64')));
    expect(piiHash('13812345678')).not.toBe(h1);
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses keys of the wrong size and an unknown active key', () => {
    expect(() => parsePiiKeys(`k1:${Buffer.alloc(16).toString('base64')}`, undefined, hmac)).toThrow(/32 bytes/);
    expect(() => parsePiiKeys(`k1:${key(1)}`, 'k9', hmac)).toThrow(/k9/);
  });
});

describe('encryption at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the users table holds no plaintext mobile, and responses carry it masked', async () => {
    const mobile = '13912345678';
    await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile } });
    const code = (t.app.get(SmsSender) as TestSmsSender).lastCodeFor(mobile)!;
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code } });
    expect(login.json().user.mobileMasked).toBe('139****5678');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${login.json().accessToken}` } });
    expect(me.body).not.toContain(mobile);
    // An idempotent create carrying the mobile and an ID number, so the scan below reads a written
    // idempotency record (its stored response), not an empty table.
    const idNumber = makeIdNumber();
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/memberships/applications',
      headers: { authorization: `Bearer ${login.json().accessToken}`, 'idempotency-key': 'pii-scan-apply-01' },
      payload: makeApplication('XM-MT', { mobile, idNumber }),
    });
    expect(applied.statusCode).toBe(201);
    expect(applied.body).not.toContain(mobile);
    expect(applied.body).not.toContain(idNumber);

    for (const table of ['users', 'sms_codes', 'refresh_tokens', 'idempotency_records', 'membership_applications', 'memberships']) {
      const rows: Array<Record<string, unknown>> = await t.ds.query(`SELECT * FROM ${table}`);
      if (table === 'idempotency_records') {
        expect(rows.filter((r) => r.idemKey === 'pii-scan-apply-01' && r.state === 'done')).toHaveLength(1);
      }
      expect(JSON.stringify(rows)).not.toContain(mobile);
      expect(JSON.stringify(rows)).not.toContain(idNumber);
      expect(JSON.stringify(rows)).not.toContain(code.length === 6 ? `"${code}"` : 'never');
    }
    const [row] = await t.ds.query(`SELECT mobile, mobileHash FROM users WHERE mobileHash IS NOT NULL`);
    expect(String(row.mobile)).toMatch(/^v1\.[A-Za-z0-9_-]+\./);
    expect(String(row.mobileHash)).toMatch(/^[0-9a-f]{64}$/);
  });
});
