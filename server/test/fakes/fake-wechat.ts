import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com speaking code2Session's protocol: GET /sns/jscode2session with
 * appid, secret, js_code, grant_type; JSON answers with openid/session_key or errcode/errmsg (HTTP 200 either way).
 * Codes: `ok-<name>` → openid `o-<name>`; `used-*` → 40163; `ratelimit` → 45011; `busy` → -1; anything else → 40029.
 */
export interface FakeWechat {
  baseUrl: string;
  calls: Array<Record<string, string>>;
  /** Bodies posted to getwxacodeunlimit, in order. */
  codeCalls: Array<{ scene: string; page: string; check_path?: boolean }>;
  tokenCalls: number;
  /** Makes every issued access token invalid (WeChat answers 40001 until a new one is fetched). */
  expireTokens(): void;
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
      tokens.add(token);
      return send({ access_token: token, expires_in: 7200 });
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
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
