import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable, pipeline } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync, type BrotliOptions } from 'node:zlib';

/** Smaller answers fit in the first TCP packets anyway; compressing them costs CPU and saves nothing. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/** Buffered answers up to this size are compressed in place; larger ones (rare: the OpenAPI document) as a stream. */
const SYNC_MAX_BYTES = 1024 * 1024;
/** JSON, text, HTML, CSS, JS, SVG; never downloads that are compressed already (images, xlsx, zip). */
const COMPRESSIBLE = /^text\/(?!event-stream)|[/+]json(?:;|$)|javascript|svg\+xml/;
/** Brotli at quality 4: the cheap end (docs/benchmarks.md has its cost on /api/stations/nearby). */
const BROTLI: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer in for an `Accept-Encoding` header: brotli, else gzip (`x-gzip` and `*` count), each only
 * with a q-value above 0; undefined when the client takes neither (or asks for identity only).
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined || header === '') return undefined;
  let br = -1;
  let gzip = -1;
  let any = -1;
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!(q >= 0)) continue;
    const token = name.trim();
    if (token === 'br') br = q;
    else if (token === 'gzip' || token === 'x-gzip') gzip = q;
    else if (token === '*') any = q;
  }
  if (br < 0) br = any;
  if (gzip < 0) gzip = any;
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return undefined;
}

function addVary(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) reply.header('vary', 'accept-encoding');
  else if (!/accept-encoding/i.test(String(vary))) reply.header('vary', `${String(vary)}, accept-encoding`);
}

/**
 * Compresses answers above the threshold for clients that accept brotli or gzip, in one `onSend` hook that returns at
 * once for a client that accepts neither (the API's callers mostly: `@fastify/compress`, used before, added an
 * onRequest hook that gave every reply a property of its own and an onSend that read five headers: ~10 µs of a
 * nearby request whatever the client took, docs/benchmarks.md). An answer that already has an encoding (the H5
 * files, pre-compressed at build time), a partial one (206 / Content-Range) or of another type (images, xlsx) is
 * left as it is. Request bodies are never inflated: the body limit and the JSON depth check see what the client sent.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onSend', (req, reply, payload, done) => {
    const accept = req.headers['accept-encoding'];
    if (accept === undefined || payload === null || payload === undefined) return done(null, payload);
    if (reply.statusCode === 206 || reply.hasHeader('content-encoding') || reply.hasHeader('content-range')) return done(null, payload);
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return done(null, payload);
    const encoding = negotiateEncoding(accept);
    if (encoding === undefined) return done(null, payload);

    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
      if (size < COMPRESS_THRESHOLD_BYTES) return done(null, payload);
      addVary(reply);
      reply.header('content-encoding', encoding);
      if (size <= SYNC_MAX_BYTES) {
        const packed = encoding === 'br' ? brotliCompressSync(payload, BROTLI) : gzipSync(payload);
        reply.header('content-length', packed.length);
        return done(null, packed);
      }
      payload = Readable.from([typeof payload === 'string' ? Buffer.from(payload) : payload]);
    } else if (typeof (payload as NodeJS.ReadableStream).pipe !== 'function') {
      return done(null, payload);
    } else {
      addVary(reply);
      reply.header('content-encoding', encoding);
    }
    reply.removeHeader('content-length');
    const zip = encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip();
    pipeline(payload as NodeJS.ReadableStream, zip, (err) => {
      // A client that goes away mid-answer closes the pipeline early: expected, not an error.
      if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') req.log.error({ err }, 'compression failed');
    });
    return done(null, zip);
  });
}
