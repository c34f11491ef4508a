import Fastify, { type FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESS_THRESHOLD_BYTES, negotiateEncoding, registerCompression } from './compression';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['GZIP, BR', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.2, gzip;q=0.8', 'gzip'],
    ['br; q=0.9, gzip;q=0.9', 'br'],
    ['gzip;q=0, br;q=0', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip, *;q=0', 'gzip'],
  ])('%s → %s', (header, expected) => expect(negotiateEncoding(header)).toBe(expected));
});

describe('registerCompression', () => {
  let app: FastifyInstance;
  const json = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `驿站 ${i}` })) });
  const big = 'x'.repeat(1024 * 1024 + 10);
  beforeAll(async () => {
    app = Fastify();
    await registerCompression(app);
    app.get('/json', (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(json));
    app.get('/bytes', (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(Buffer.from(json)));
    app.get('/small', () => ({ ok: true }));
    app.get('/varied', (_req, reply) => reply.header('vary', 'origin').header('content-type', 'application/json').send(json));
    app.get('/encoded', (_req, reply) => reply.header('content-type', 'text/javascript').header('content-encoding', 'br').send(Buffer.from('already')));
    app.get('/image', (_req, reply) => reply.header('content-type', 'image/png').send(Buffer.alloc(4096, 7)));
    app.get('/partial', (_req, reply) => reply.code(206).header('content-type', 'text/plain').header('content-range', 'bytes 0-4095/8192').send('y'.repeat(4096)));
    app.get('/stream', (_req, reply) => reply.header('content-type', 'text/csv').send(Readable.from(['a,b\n', '1,2\n'.repeat(2000)])));
    app.get('/huge', (_req, reply) => reply.header('content-type', 'text/plain').send(big));
    await app.ready();
  });
  afterAll(() => app.close());
  const get = (url: string, accept?: string) => app.inject({ method: 'GET', url, headers: accept ? { 'accept-encoding': accept } : {} });

  it('answers in brotli or gzip, whichever the client takes, with Vary and the compressed length', async () => {
    for (const url of ['/json', '/bytes']) {
      const br = await get(url, 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('accept-encoding');
      expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
      expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(json) / 3);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(json);
      const gz = await get(url, 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(json);
    }
  });

  it('leaves the answer as it is for a client that takes neither, and for small answers', async () => {
    for (const accept of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await get('/json', accept);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(json);
    }
    const small = await get('/small', 'br');
    expect(small.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ ok: true });
  });

  it('adds accept-encoding to a Vary the route set', async () => {
    expect((await get('/varied', 'br')).headers.vary).toBe('origin, accept-encoding');
  });

  it('never compresses what is encoded already, images, or a partial answer', async () => {
    const encoded = await get('/encoded', 'gzip');
    expect(encoded.headers['content-encoding']).toBe('br');
    expect(encoded.body).toBe('already');
    const image = await get('/image', 'br');
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.rawPayload).toEqual(Buffer.alloc(4096, 7));
    const partial = await get('/partial', 'br');
    expect(partial.statusCode).toBe(206);
    expect(partial.headers['content-encoding']).toBeUndefined();
    expect(partial.body).toBe('y'.repeat(4096));
  });

  it('compresses a streamed answer and a very large one as streams, without a length', async () => {
    const stream = await get('/stream', 'gzip');
    expect(stream.headers['content-encoding']).toBe('gzip');
    expect(stream.headers['content-length']).toBeUndefined();
    expect(gunzipSync(stream.rawPayload).toString()).toBe(`a,b\n${'1,2\n'.repeat(2000)}`);
    const huge = await get('/huge', 'br');
    expect(huge.headers['content-encoding']).toBe('br');
    expect(huge.headers['content-length']).toBeUndefined();
    expect(brotliDecompressSync(huge.rawPayload).toString()).toBe(big);
  });
});
