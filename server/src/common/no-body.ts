import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DomainError } from './domain-error';

/**
 * Routes that take no body (POST /api/inbox/read-all, PUT /api/calendar/years/:year, …) refuse one: a body that is
 * neither absent nor `{}` is 400 VALIDATION_FAILED (each field of an object named, like an unknown field of a DTO), so
 * a caller who sent data that would be ignored learns it. The list is read once at boot from the controllers'
 * metadata: a handler with no @Body() and no @Req() (an upload reads its own multipart body) takes no body.
 */
export function refuseBodiesWhereNoneIsTaken(app: NestFastifyApplication, prefix: string): string[] {
  const routes = bodylessRoutes(app, prefix);
  const keys = new Set(routes);
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => keys.has(`${m} ${route.url}`))) return;
    const own = route.preValidation;
    route.preValidation = [...(own ? (Array.isArray(own) ? own : [own]) : []), refuseBody];
  });
  return routes;
}

function refuseBody(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const body: unknown = req.body;
  if (body === undefined) return done();
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const fields = Object.keys(body);
    if (!fields.length) return done();
    return done(DomainError.validation(fields.slice(0, 20).map((field) => ({ field, message: '此操作无需提交内容，不允许提交此字段' }))));
  }
  done(DomainError.validation([{ field: '', message: '此操作无需提交内容' }]));
}

const NO_BODY_METHODS = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/** `METHOD /prefix/path` (Fastify's form) of every handler that declares neither @Body() nor @Req(). */
export function bodylessRoutes(app: NestFastifyApplication, prefix: string): string[] {
  const container = (app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: Function }> }> } }).container;
  const out: string[] = [];
  for (const mod of container.getModules().values()) {
    for (const { metatype } of mod.controllers.values()) {
      const bases = [Reflect.getMetadata(PATH_METADATA, metatype) as string | string[]].flat();
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        if (typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || method === undefined || NO_BODY_METHODS.has(method)) continue;
        const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, unknown>);
        if (args.some((k) => [RouteParamtypes.BODY, RouteParamtypes.REQUEST, RouteParamtypes.RAW_BODY].includes(Number(k.split(':')[0])))) continue;
        for (const base of bases) {
          for (const path of [paths].flat()) {
            const url = `/${[prefix, base, path].filter((x) => x && x !== '/').join('/')}`.replace(/\/+/g, '/');
            for (const m of method === RequestMethod.ALL ? ['POST', 'PUT', 'PATCH', 'DELETE'] : [RequestMethod[method]]) out.push(`${m} ${url}`);
          }
        }
      }
    }
  }
  return out.sort();
}
