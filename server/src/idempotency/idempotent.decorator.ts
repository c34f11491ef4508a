import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { uploadDigest } from '../storage/multipart';
import { IdempotencyService, requestHash } from './idempotency.service';

const IDEMPOTENT_REFUSAL = 'nuanxin:idempotent-refusal';

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const header = req.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const refusal = this.reflector.get<string | undefined>(IDEMPOTENT_REFUSAL, ctx.getHandler());
    return from(this.run(req, reply, Array.isArray(header) ? header[0] : header, next, refusal));
  }

  private async run(req: FastifyRequest & { user?: AuthUser }, reply: FastifyReply, key: string, next: CallHandler, refusalName: string | undefined) {
    this.idempotency.validateKey(key);
    if (!req.user) throw new DomainError(401, 'UNAUTHENTICATED');
    const routeKey = `${req.method} ${req.routeOptions.url ?? req.url}`;
    if (refusalName) {
      // Refused from memory and no record of this key: the answer the route would give, nothing taken or stored.
      const refusal = await this.idempotency.refusal(refusalName, req.user, (req.params ?? {}) as Record<string, string>);
      if (refusal && !(await this.idempotency.exists(req.user.id, routeKey, key))) throw refusal;
    }
    // An upload's file is its body: the hash takes the sha256 of each file (JSON routes hash as before).
    const files = req.isMultipart?.() ? await uploadDigest(req) : null;
    const hash = requestHash(files ? { params: req.params, body: req.body, files } : { params: req.params, body: req.body });
    const begin = await this.idempotency.begin(req.user.id, routeKey, key, hash);
    if (begin.kind === 'replay') {
      reply.status(begin.status).header('idempotent-replayed', 'true');
      return JSON.parse(begin.body) as unknown;
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.idempotency.complete(begin.recordId, reply.statusCode, JSON.stringify(result ?? null));
      return result;
    } catch (err) {
      await this.idempotency.release(begin.recordId);
      throw err;
    }
  }
}

/**
 * Marks a create/claim route: a retry with the same `Idempotency-Key` replays the first response, the same key
 * with another body (for an upload: another file) is 422 IDEMPOTENCY_KEY_REUSED, concurrent duplicates run once.
 * `refusal`: the name a service registered with `IdempotencyService.registerRefusal` — requests it refuses from
 * memory are answered without taking a record, unless one exists for their key.
 */
export const Idempotent = (opts: { refusal?: string } = {}) =>
  applyDecorators(
    ...(opts.refusal ? [SetMetadata(IDEMPOTENT_REFUSAL, opts.refusal)] : []),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–100 位；同一操作重试时复用，24 小时内重放首次响应' }),
  );
