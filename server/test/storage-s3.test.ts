import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types; it is the S3 protocol server the cluster tier runs too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };
import { loadConfig } from '../src/config/app-config';
import { S3FileStorage, s3ClientFor } from '../src/storage/s3-file-storage';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** s3rver behind a recording proxy: every request exactly as the SDK put it on the wire. */
async function startS3(): Promise<{ endpoint: string; dir: string; seen: Seen[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'nx-s3-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'nx-photos' }] });
  const { port: s3Port } = await s3.run();
  const seen: Seen[] = [];
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const up = request({ host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.end(body);
    });
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  const { port } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dir,
    seen,
    close: async () => {
      await new Promise((ok) => proxy.close(ok));
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const s3Env = (endpoint: string) => ({
  S3_BUCKET: 'nx-photos',
  S3_PREFIX: 'test/',
  S3_ENDPOINT: endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});

describe('S3-compatible photo storage (s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.close();
  });
  beforeEach(() => {
    s3.seen.length = 0;
  });

  it('PutObject goes out as one plain signed body: no aws-chunked, no flexible checksums; GET asks for none', async () => {
    const storage = new S3FileStorage(loadConfig(s3Env(s3.endpoint)));
    const body = Buffer.from('photo bytes 照片');
    await storage.put('claims/2026/abc-1.png', body);

    expect(s3.seen).toHaveLength(1);
    const put = s3.seen[0];
    expect(put.method).toBe('PUT');
    expect(put.url).toBe('/nx-photos/test/claims/2026/abc-1.png?x-id=PutObject');
    expect(put.body.equals(body)).toBe(true);
    expect(put.headers['content-length']).toBe(String(body.length));
    expect(put.headers['content-encoding']).toBeUndefined();
    expect(put.headers['x-amz-decoded-content-length']).toBeUndefined();
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(put.headers['x-amz-content-sha256']).toMatch(/^([0-9a-f]{64}|UNSIGNED-PAYLOAD)$/);
    expect(put.headers['x-amz-trailer']).toBeUndefined();
    expect(put.headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
    expect(Object.keys(put.headers).filter((h) => h.startsWith('x-amz-checksum'))).toEqual([]);
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=S3RVER\//);

    expect((await storage.get('claims/2026/abc-1.png')).equals(body)).toBe(true);
    expect(s3.seen[1].method).toBe('GET');
    expect(s3.seen[1].headers['x-amz-checksum-mode']).toBeUndefined();

    await storage.remove('claims/2026/abc-1.png');
    await expect(storage.get('claims/2026/abc-1.png')).rejects.toThrow();
    await storage.onApplicationShutdown();
  });

  it('the SDK default (without WHEN_REQUIRED) would send the checksum these servers reject: the check above bites', async () => {
    const config = loadConfig(s3Env(s3.endpoint));
    const client = s3ClientFor(config);
    const defaults = new (client.constructor as typeof import('@aws-sdk/client-s3').S3Client)({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await defaults.send(new PutObjectCommand({ Bucket: 'nx-photos', Key: 'test/default.txt', Body: Buffer.from('x') }));
    const flagged = Object.keys(s3.seen[0].headers).filter((h) => h.startsWith('x-amz-checksum') || h === 'x-amz-sdk-checksum-algorithm');
    expect(flagged.length).toBeGreaterThan(0);
    defaults.destroy();
    client.destroy();
  });

  it('an export goes up from a file as one plain PUT of known length and comes back as a stream; a missing object errors the stream', async () => {
    const storage = new S3FileStorage(loadConfig(s3Env(s3.endpoint)));
    const dir = await mkdtemp(join(tmpdir(), 'nx-s3-'));
    const body = Buffer.from('编号,受理日期\n'.repeat(2000));
    await writeFile(join(dir, 'ledger.xlsx'), body);
    await storage.putFile('exports/2026/e-1.xlsx', join(dir, 'ledger.xlsx'));
    const put = s3.seen[0];
    expect(put.method).toBe('PUT');
    expect(put.headers['content-length']).toBe(String(body.length));
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(Object.keys(put.headers).filter((h) => h.startsWith('x-amz-checksum'))).toEqual([]);
    const chunks: Buffer[] = [];
    for await (const chunk of storage.stream('exports/2026/e-1.xlsx')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    await expect(async () => {
      for await (const _ of storage.stream('exports/2026/missing.xlsx')) void _;
    }).rejects.toThrow();
    await rm(dir, { recursive: true, force: true });
    storage.onApplicationShutdown();
  });

  it('refuses keys that could leave the prefix', async () => {
    const storage = new S3FileStorage(loadConfig(s3Env(s3.endpoint)));
    for (const key of ['../x.png', '/abs.png', 'a//b.png', 'A.png']) await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('invalid storage key');
    expect(s3.seen).toEqual([]);
    storage.onApplicationShutdown();
  });

  describe('through the API', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(s3Env(s3.endpoint));
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('a claim photo is stored in the bucket under the prefix and read back only through the access checks', async () => {
      const w = await devLogin(t.app, `s3-worker-${randomUUID()}`);
      const png = multipart([{ filename: 'receipt.png', type: 'image/png', content: PNG_1PX }]);
      const up = await t.app.inject({
        method: 'POST',
        url: '/api/claims/attachments',
        headers: { ...w.auth, ...png.headers, 'idempotency-key': randomUUID() },
        payload: png.payload,
      });
      expect(up.statusCode).toBe(201);
      const [photo] = up.json() as Array<{ id: string }>;
      const puts = s3.seen.filter((r) => r.method === 'PUT');
      expect(puts).toHaveLength(1);
      expect(puts[0].url).toMatch(/^\/nx-photos\/test\/[a-z0-9/-]+\.png\?x-id=PutObject$/);
      expect(puts[0].body.equals(PNG_1PX)).toBe(true);

      const mine = await t.app.inject({ method: 'GET', url: `/api/claims/attachments/${photo.id}`, headers: w.auth });
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['content-type']).toBe('image/png');
      expect(mine.rawPayload.equals(PNG_1PX)).toBe(true);
      const stranger = await devLogin(t.app, `s3-stranger-${randomUUID()}`);
      expect((await t.app.inject({ method: 'GET', url: `/api/claims/attachments/${photo.id}`, headers: stranger.auth })).statusCode).toBe(404);
      expect(readdirSync(s3.dir)).toContain('nx-photos');
    });
  });
});
