import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com speaking its protocol (JSON answers with HTTP 200 either way):
 * - GET /sns/jscode2session with appid, secret, js_code, grant_type → openid/session_key or errcode/errmsg.
 *   Codes: `ok-<name>` → openid `o-<name>`; `used-*` → 40163; `ratelimit` → 45011; `busy` → -1; else 40029.
 * - POST /cgi-bin/stable_token { grant_type, appid, secret, force_refresh } → the current token while it is valid
 *   (the same for every caller), a new one when forced or expired. GET /cgi-bin/token issues a new one each call
 *   and invalidates the others, as WeChat does.
 * - POST /wxa/getwxacodeunlimit?access_token= → image bytes.
 * - POST /cgi-bin/message/subscribe/send?access_token= { touser, template_id, page, data, miniprogram_state }:
 *   checks the token (40001), the template's fields (`thing` ≤ 20, `phrase` ≤ 5 → 47003), the page (41030), and
 *   the user's remaining credit as WeChat keeps it (`grantCredit`; none → 43101). A message is delivered when
 *   WeChat accepts the request, even if its caller dies before reading the answer (`sendDelayMs` holds answers).
 */
export interface FakeWechat {
  baseUrl: string;
  calls: Array<Record<string, string>>;
  /** Bodies posted to getwxacodeunlimit, in order. */
  codeCalls: Array<{ scene: string; page: string; check_path?: boolean }>;
  tokenCalls: number;
  /** Makes every issued access token invalid (WeChat answers 40001 until a new one is fetched). */
  expireTokens(): void;
  /** Subscribe messages WeChat accepted and answered, in order. */
  deliveries: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string }>;
  /** Every subscribe/send request received (answered or not), with the errcode given. */
  sendAttempts: Array<{ touser: string; errcode: number | null }>;
  /** A user's consent as WeChat records it: one more message of that template may be sent to them. */
  grantCredit(openid: string, templateId: string, n?: number): void;
  /** The next `n` sends answer this errcode (e.g. -1 busy, 47003). */
  failNextSends(errcode: number, n?: number): void;
  /** Holds every send answer this long (ms): to kill a caller mid-request. */
  sendDelayMs: number;
  close(): Promise<void>;
}

/** The smallest JPEG-looking body: SOI marker, payload naming the scene, EOI marker. */
export function fakeJpeg(scene: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`wxacode:${scene}`), Buffer.from([0xff, 0xd9])]);
}

export async function startFakeWechat(appid = 'wx-test-appid', secret = 'test-secret'): Promise<FakeWechat> {
  const calls: FakeWechat['calls'] = [];
  const codeCalls: FakeWechat['codeCalls'] = [];
  const tokens = new Set<string>();
  let tokenCalls = 0;
  let stable: string | null = null;
  const deliveries: FakeWechat['deliveries'] = [];
  const sendAttempts: FakeWechat['sendAttempts'] = [];
  const credits = new Map<string, number>();
  const failures: number[] = [];
  const control = { sendDelayMs: 0 };
  const FIELD_MAX: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, time: 32, name: 10 };
  const readBody = (req: import('node:http').IncomingMessage) =>
    new Promise<string>((ok) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => ok(raw));
    });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = Object.fromEntries(url.searchParams);
    const send = (body: object) => {
      res.writeHead(200, { 'content-type': 'text/plain' }); // WeChat answers JSON labelled text/plain
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      tokenCalls++;
      if (q.appid !== appid || q.secret !== secret) return send({ errcode: 40013, errmsg: 'invalid appid' });
      const token = `tok-${tokenCalls}`;
      tokens.clear(); // a fresh /cgi-bin/token invalidates the previous ones
      tokens.add(token);
      return send({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      void readBody(req).then((raw) => {
        const b = JSON.parse(raw || '{}') as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
        if (b.grant_type !== 'client_credential') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
        if (b.appid !== appid || b.secret !== secret) return send({ errcode: 40013, errmsg: 'invalid appid' });
        tokenCalls++;
        if (b.force_refresh || !stable || !tokens.has(stable)) {
          stable = `stable-${tokenCalls}`;
          tokens.add(stable);
        }
        return send({ access_token: stable, expires_in: 7200 });
      });
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      void readBody(req).then((raw) => {
        const b = JSON.parse(raw || '{}') as FakeWechat['deliveries'][number];
        const answer = (errcode: number, errmsg: string) => {
          sendAttempts.push({ touser: b.touser, errcode });
          // WeChat delivers when it accepts the request, whether or not its caller lives to read the answer.
          if (errcode === 0) deliveries.push(b);
          const finish = () => {
            if (res.destroyed || req.socket.destroyed) return;
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end(JSON.stringify({ errcode, errmsg }));
          };
          if (control.sendDelayMs) setTimeout(finish, control.sendDelayMs);
          else finish();
        };
        if (!tokens.has(q.access_token ?? '')) return answer(40001, 'invalid credential, access_token is invalid or not latest');
        if (failures.length) return answer(failures.shift()!, 'injected failure');
        for (const [key, { value }] of Object.entries(b.data ?? {})) {
          const type = key.replace(/\d+$/, '');
          if (!(type in FIELD_MAX) || [...value].length > FIELD_MAX[type]) return answer(47003, `argument invalid! data.${key}.value invalid`);
        }
        if (b.page && !/^(pages|staff\/pages)\/[a-z-]+\/[a-z-]+(\?.*)?$/.test(b.page)) return answer(41030, 'invalid page');
        const key = `${b.touser}|${b.template_id}`;
        const left = credits.get(key) ?? 0;
        if (left <= 0) return answer(43101, 'user refuse to accept the msg');
        credits.set(key, left - 1);
        return answer(0, 'ok');
      });
      return;
    }
    if (url.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (!tokens.has(q.access_token ?? '')) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const body = JSON.parse(raw || '{}') as { scene?: string; page?: string; check_path?: boolean };
        if (!body.scene || body.scene.length > 32 || !/^[\x21-\x7e]+$/.test(body.scene)) return send({ errcode: 40169, errmsg: 'invalid length for scene' });
        if (body.page && !/^pages\/[a-z-]+\/index$/.test(body.page)) return send({ errcode: 41030, errmsg: 'invalid page' });
        codeCalls.push({ scene: body.scene, page: body.page ?? '', check_path: body.check_path });
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(fakeJpeg(body.scene));
      });
      return;
    }
    calls.push(q);
    if (url.pathname !== '/sns/jscode2session') return send({ errcode: 40066, errmsg: 'invalid url' });
    if (q.grant_type !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (q.appid !== appid) return send({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.secret !== secret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    const code = q.js_code ?? '';
    if (code.startsWith('ok-')) return send({ openid: `o-${code.slice(3)}`, session_key: 'c2Vzc2lvbi1rZXk=' });
    if (code.startsWith('used-')) return send({ errcode: 40163, errmsg: 'code been used' });
    if (code === 'ratelimit') return send({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
    if (code === 'busy') return send({ errcode: -1, errmsg: 'system error' });
    return send({ errcode: 40029, errmsg: 'invalid code' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    codeCalls,
    get tokenCalls() {
      return tokenCalls;
    },
    expireTokens: () => tokens.clear(),
    deliveries,
    sendAttempts,
    grantCredit: (openid, templateId, n = 1) => credits.set(`${openid}|${templateId}`, (credits.get(`${openid}|${templateId}`) ?? 0) + n),
    failNextSends: (errcode, n = 1) => failures.push(...Array.from({ length: n }, () => errcode)),
    get sendDelayMs() {
      return control.sendDelayMs;
    },
    set sendDelayMs(ms: number) {
      control.sendDelayMs = ms;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
