/**
 * The baseline of `pnpm bench:stations`: a bare Fastify server answering every GET /api/stations/nearby with the
 * very bytes the real server gave for one query (a JSON body read from BARE_BODY_FILE), on BARE_PORT. No Nest,
 * no guards, no validation, no index lookup: what Fastify itself costs for the same answer on the same machine.
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.env.BARE_BODY_FILE!, 'utf8');
const app = Fastify({ logger: false });
app.get('/api/stations/nearby', (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
app.get('/api/health', () => ({ ok: true }));
app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' }).catch((err) => {
  console.error(err);
  process.exit(1);
});
