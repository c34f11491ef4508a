import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './error-body';

/** The one place errors become responses (Nest side; Fastify-level errors go through the same mapError). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    sendError(req, reply, exception);
  }
}

/** Expected conditions already warned about, per server instance (tests run several in one process). */
const warned = new WeakMap<object, Set<string>>();

export function sendError(req: FastifyRequest, reply: FastifyReply, exception: unknown): void {
  const { status, body, fault, expected } = mapError(exception);
  if (fault) {
    req.log.error({ err: exception, reqId: req.id }, 'request failed');
    body.requestId = String(req.id);
  } else if (expected) {
    const seen = warned.get(req.server) ?? new Set<string>();
    warned.set(req.server, seen);
    const key = `${status} ${body.code} ${body.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      req.log.warn({ status, code: body.code, reqId: req.id }, `${body.message}（此类情况只记录一次）`);
    }
  }
  if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  // Set by the onRequest hook (security-headers.ts); an error answered before it ran (the router's) still names its request.
  if (!reply.hasHeader('x-request-id')) reply.header('x-request-id', req.id);
  void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}
