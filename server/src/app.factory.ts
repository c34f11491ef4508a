import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CLAIM_RULES } from '@nuanxin/shared';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AllExceptionsFilter, sendError } from './common/all-exceptions.filter';
import { registerCompression } from './common/compression';
import { registerH5 } from './common/h5-static';
import { registerMultipart } from './common/multipart';
import { useJsonBodyParser } from './common/json-body';
import { serveNearbyDirectly } from './stations/nearby-direct';
import { refuseBodiesWhereNoneIsTaken } from './common/no-body';
import { registerSecurityHeaders, securityHeaders } from './common/security-headers';
import { createLogger, lazyRequestLogger, PinoNestLogger } from './common/logger';
import { createValidationPipe } from './common/validation';
import { AppConfig, loadConfig } from './config/app-config';
import { seedDemo } from './seed/seed';
import { discardBootScan } from './stations/boot-scan';
import { configurePiiFromConfig } from './pii/pii.module';
import { APP_VERSION } from './version';

export interface CreateAppOptions {
  env?: Record<string, string | undefined>;
  /** Where log lines go (tests capture them); default stdout. */
  logStream?: DestinationStream;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  config: AppConfig;
  logger: Logger;
  h5Served: boolean;
}

/** Builds the whole server (used by main.ts and by every API test): config, logging, errors, DB, docs, H5. */
export async function createApp(options: CreateAppOptions = {}): Promise<CreatedApp> {
  const config = loadConfig(options.env ?? process.env);
  configurePiiFromConfig(config);
  const logger = createLogger(config.LOG_LEVEL, options.logStream);
  if (config.DEV_LOGIN) {
    logger.warn(
      { devLogin: true, database: config.dialect },
      '开发登录已开启（DEV_LOGIN=true）：任何人都能以任意身份登录，包括管理员。只用于本机演示和测试，对外服务前务必关闭',
    );
  }

  const security = securityHeaders(config.PUBLIC_BASE_URL);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // The router refuses a malformed URL or an over-long path parameter before any hook runs: answer those in the
    // one error shape too (with the security headers the onRequest hook would have set).
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => {
      for (const [name, value] of Object.entries(req.url.startsWith('/api/') ? security.api : security.all)) reply.header(name, value);
      sendError(req, reply, err);
    },
    // Our onResponse hook writes the one line per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Behind a load balancer the client IP (rate limits, logs) comes from X-Forwarded-For, only when configured.
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // req.log: its pino child is built only when the request writes a line (none at warn for a request that succeeds).
    childLoggerFactory: (parent: FastifyBaseLogger, bindings: Record<string, unknown>, options: object) => lazyRequestLogger(parent as unknown as Logger, bindings, options as Record<string, unknown>) as unknown as FastifyBaseLogger,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // One line per request, without query values (they may carry personal data).
  fastify.addHook('onResponse', (req, reply, done) => {
    if (!logger.isLevelEnabled('info')) return done();
    const user = (req as unknown as { user?: { id: string } }).user;
    req.log.info(
      {
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        userId: user?.id,
      },
      'request',
    );
    done();
  });
  // CSP (own origin + AMap), nosniff, frame-ancestors 'none', referrer policy, HSTS on https, and x-request-id: on
  // every response, set by one sync onRequest hook (no onSend hook: it would run on every response too).
  registerSecurityHeaders(fastify, security, { requestId: true });
  // JSON above 1 KB in brotli or gzip when the client accepts it; the H5 files come pre-compressed.
  await registerCompression(fastify);
  // JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  fastify.removeContentTypeParser(['text/plain']);
  // JSON nested deeper than a few levels is refused before anything walks it.
  useJsonBodyParser(app, config.BODY_LIMIT_BYTES);
  // multipart is parsed only by the routes that ask for it (photo uploads), with hard limits.
  await registerMultipart(fastify, {
    limits: { fileSize: CLAIM_RULES.photoBytesMax, files: CLAIM_RULES.photosMax, fields: 0, parts: CLAIM_RULES.photosMax },
    throwFileSizeLimit: true,
  });

  app.setGlobalPrefix('api');
  // A route that takes no body refuses one that is not `{}` (400 VALIDATION_FAILED) instead of ignoring it.
  refuseBodiesWhereNoneIsTaken(app, 'api');
  // The nearby list's ordinary answer skips Nest's router proxy, guard and pipe (same service call, same hooks).
  serveNearbyDirectly(app, 'api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const ds = app.get(DataSource);
  // Rows the station index's boot scan (main.ts) read before a migration ran are not taken in: it scans again.
  if ((await ds.runMigrations({ transaction: 'each' })).length) discardBootScan();
  if (config.SEED_DEMO && !config.isProduction) await seedDemo(ds, { catchAllOfficers: config.SEED_CATCH_ALL_OFFICERS });

  // The OpenAPI document is built on the first request for it, not at boot (~0.25 s CPU of every server start).
  const doc = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('暖新 Nuanxin API')
        .setDescription('工会新就业形态劳动者服务平台。错误统一为 { code, message, errors? }。')
        .setVersion(APP_VERSION)
        .addBearerAuth()
        .build(),
    );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  const h5Root = isAbsolute(config.H5_DIST) ? config.H5_DIST : resolve(__dirname, '..', config.H5_DIST);
  const h5Served = await registerH5(fastify, h5Root, security.appPolicy);

  await app.init();
  return { app, config, logger, h5Served };
}
