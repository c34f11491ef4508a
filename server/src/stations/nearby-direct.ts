import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isInChina } from '@nuanxin/shared';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { NearbyQuery } from './dto/station.dto';
import { StationsService } from './stations.service';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /api/stations/nearby` is the hottest public route. Its ordinary answer — no token, a query `fastParse`
 * accepts, a point in China — is sent straight from Fastify's route handler, without Nest's router proxy, guard
 * and pipe around the same `StationsService.nearbyJson` (docs/benchmarks.md, "The request pipeline"). Every Fastify
 * hook still runs (security headers, x-request-id, compression, the log line), and the route stays Nest's: its
 * OpenAPI entry, and every other request (a token, a query to word errors for, a point outside China, an error
 * while answering) goes through Nest's handler exactly as before, which answers it as it always did.
 */
export function serveNearbyDirectly(app: NestFastifyApplication, prefix: string): void {
  const url = `/${prefix}/stations/nearby`;
  const stations = app.get(StationsService);
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    if (route.url !== url || route.method !== 'GET') return;
    const nest = route.handler;
    route.handler = function nearbyDirect(this: unknown, req: FastifyRequest, reply: FastifyReply) {
      // A token is Nest's to look at (the guard authenticates it on public routes too, for the log line's user).
      if (req.headers.authorization === undefined) {
        const q = NearbyQuery.fastParse(req.query);
        if (q !== undefined && isInChina(q.lat, q.lng)) {
          let body: Buffer | undefined;
          try {
            body = stations.nearbyJson(q);
          } catch {
            // Nest's handler runs it again and answers the error in the one error shape.
          }
          if (body !== undefined) return reply.header('content-type', CONTENT_TYPE).send(body);
        }
      }
      return (nest as (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown).call(this, req, reply);
    } as RouteHandlerMethod;
  });
}
