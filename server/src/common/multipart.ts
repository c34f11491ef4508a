import multipart, { type FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * @fastify/multipart, for the photo uploads (storage/multipart.ts reads parts as streams with `req.files()`).
 *
 * The plugin also adds two hooks that run on EVERY request of every route: an async onRequest that puts a 'close'
 * listener on the response, and an async onResponse; both exist only to delete the temporary files of its disk
 * mode (`req.saveRequestFiles()`), which this server never uses — `cleanRequestFiles()` finds no `tmpUploads` and
 * returns. Two promises, a listener and four hook calls per request for nothing (docs/benchmarks.md, "The request
 * pipeline"), so they are left out; everything else the plugin registers (the content-type parser, the request
 * decorators, its other hooks) is kept. Whoever starts using `saveRequestFiles()` must drop this filter.
 */
export async function registerMultipart(fastify: FastifyInstance, options: FastifyMultipartOptions): Promise<void> {
  const addHook = fastify.addHook;
  // The plugin is fastify-plugin wrapped: it runs on this very instance, synchronously, during the register below.
  fastify.addHook = function (this: FastifyInstance, name: string, hook: unknown) {
    if ((name === 'onRequest' || name === 'onResponse') && String(hook).includes('cleanRequestFiles')) return this;
    return (addHook as (n: string, h: unknown) => FastifyInstance).call(this, name, hook);
  } as FastifyInstance['addHook'];
  try {
    await fastify.register(multipart, options);
  } finally {
    fastify.addHook = addHook;
  }
}
