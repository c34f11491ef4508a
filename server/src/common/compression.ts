import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Smaller answers fit in the first TCP packets anyway; compressing them costs CPU and saves nothing. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
/** JSON, text, HTML, CSS, JS, SVG; never downloads that are compressed already (images, xlsx, zip). */
const COMPRESSIBLE = /^text\/(?!event-stream)|[/+]json(?:;|$)|javascript|svg\+xml/;

/**
 * Compresses answers above the threshold for clients that accept brotli or gzip (brotli at quality 4: the
 * cheap end, see docs/benchmarks.md for its cost on /api/stations/nearby). The H5 files arrive already
 * compressed at build time (h5-static.ts) and keep their Content-Encoding. Request bodies are not inflated:
 * the body limit and the JSON depth check see what the client sent.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD_BYTES,
    customTypes: COMPRESSIBLE,
    globalDecompression: false,
  });
}
