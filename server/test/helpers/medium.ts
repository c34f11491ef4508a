import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { CoreModule } from '../../src/core.module';
import { IdempotencyModule } from '../../src/idempotency/idempotency.module';
import { createDataSource } from '../../src/database/data-source';
import { configurePiiFromConfig } from '../../src/pii/pii.module';
import { resetDatabase, TEST_DB_URL, testEnv } from './test-app';

@Module({})
class MediumRoot {
  static with(config: AppConfig, features: Array<Type | DynamicModule>): DynamicModule {
    // Idempotency is global in the app (any controller may carry @Idempotent()), so it stands here too.
    return { module: MediumRoot, imports: [CoreModule.forRoot(config), IdempotencyModule, ...features] };
  }
}

export interface Medium {
  ctx: INestApplicationContext;
  ds: DataSource;
  config: AppConfig;
  get<T>(token: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The medium tier: the feature modules under test on the real database (SQLite, or MariaDB when TEST_DB_URL is
 * set), migrated from scratch, without HTTP, the demo seed or the other features. For services whose callers are
 * other services; API behaviour stays with the API tests.
 */
export async function createMedium(features: Array<Type | DynamicModule>, overrides: Record<string, string | undefined> = {}): Promise<Medium> {
  // A file, not :memory:, so the schema migrated here is the one the modules open (their init hooks read it).
  const dir = TEST_DB_URL ? null : mkdtempSync(join(tmpdir(), 'nx-medium-'));
  const env = testEnv({ JOBS_ENABLED: 'false', ...(dir ? { SQLITE_PATH: join(dir, 'medium.sqlite') } : {}), ...overrides });
  await resetDatabase(env);
  const config = loadConfig(env);
  configurePiiFromConfig(config);
  const migrate = createDataSource(config);
  await migrate.initialize();
  await migrate.runMigrations({ transaction: 'each' });
  await migrate.destroy();
  const ctx = await NestFactory.createApplicationContext(MediumRoot.with(config, features), { logger: false, abortOnError: false });
  return {
    ctx,
    ds: ctx.get(DataSource),
    config,
    get: (token) => ctx.get(token, { strict: false }),
    close: async () => {
      await ctx.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
