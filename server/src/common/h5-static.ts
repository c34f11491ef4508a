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
 * Serves the built H5 app at `/`: hashed assets cached for a year, index.html never cached, and any other
 * non-API GET that is not a file answered with index.html (hash routes need only `/`, deep links still land in the app).
 */
export async function registerH5(fastify: FastifyInstance, root: string): Promise<boolean> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (res, path) => {
      const policy = path.endsWith('index.html') ? 'no-cache' : HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
      res.header('cache-control', policy);
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('content-type', 'text/html; charset=utf-8')
      .send(readFileSync(indexFile));
  fastify.get('/', (_req, reply) => sendIndex(reply));
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') return sendError(req, reply, new DomainError(404, 'ROUTE_NOT_FOUND'));
    // A stale page asking for a chunk that a new build removed must see a 404, not HTML parsed as script.
    if (FILE_LIKE.test(req.url)) return sendError(req, reply, new DomainError(404, 'ROUTE_NOT_FOUND'));
    return sendIndex(reply);
  });
  return true;
}
