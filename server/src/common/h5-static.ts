import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendError } from './all-exceptions.filter';
import { DomainError } from './domain-error';

const HASHED = /[.-][0-9a-f]{8,}\./;
/** A request for a file (its last segment has an extension): missing ones are 404, never index.html. */
const FILE_LIKE = /\/[^/?#]+\.[A-Za-z0-9]{1,8}(?:[?#]|$)/;

/**
 * Serves the built H5 app at `/`: hashed assets cached for a year (brotli or gzip made at build time when the
 * browser accepts it), index.html never cached, and any other
 * non-API GET that is not a file answered with index.html (hash routes need only `/`, deep links still land in the app).
 */
export async function registerH5(fastify: FastifyInstance, root: string, indexPolicy?: (html: string) => string): Promise<boolean> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    // build:h5 writes .br and .gz beside each JS/CSS file: sent with Content-Encoding and Vary: Accept-Encoding.
    preCompressed: true,
    setHeaders: (res, path) => {
      const isIndex = path.endsWith('index.html');
      const policy = isIndex ? 'no-cache' : HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      res.header('cache-control', policy);
      if (isIndex && indexPolicy) res.header('content-security-policy', indexPolicy(readFileSync(path, 'utf8')));
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) => {
    const html = readFileSync(indexFile);
    // The page's CSP allows its inline scripts by hash, computed from the very bytes sent (a rebuild needs no restart).
    if (indexPolicy) reply.header('content-security-policy', indexPolicy(html.toString('utf8')));
    return reply.header('cache-control', 'no-cache').header('content-type', 'text/html; charset=utf-8').send(html);
  };
  fastify.get('/', (_req, reply) => sendIndex(reply));
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') return sendError(req, reply, new DomainError(404, 'ROUTE_NOT_FOUND'));
    // A stale page asking for a chunk that a new build removed must see a 404, not HTML parsed as script.
    if (FILE_LIKE.test(req.url)) return sendError(req, reply, new DomainError(404, 'ROUTE_NOT_FOUND'));
    return sendIndex(reply);
  });
  return true;
}
