import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Observable } from 'rxjs';

/** The request an audit row belongs to, without threading it through every service call. */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | null => requestContext.getStore()?.requestId ?? null;

/** Global interceptor: runs each HTTP handler inside a context carrying Fastify's request id (x-request-id). */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const id = ctx.switchToHttp().getRequest<{ id?: unknown }>().id;
    if (typeof id !== 'string') return next.handle();
    return new Observable((subscriber) => requestContext.run({ requestId: id.slice(0, 64) }, () => next.handle().subscribe(subscriber)));
  }
}
