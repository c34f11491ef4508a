import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@nuanxin/shared';
import { DataSource } from 'typeorm';
import { createApp, type CreatedApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { configurePiiFromConfig } from '../../src/pii/pii.module';

/** The database under test: MariaDB when TEST_DB_URL is set (the test command sets it), else in-memory SQLite. */
export const TEST_DB_URL = process.env.TEST_DB_URL || undefined;
export const DIALECT = TEST_DB_URL ? 'mariadb' : 'sqlite';

export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    SMS_SENDER: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: ':memory:',
    DB_URL: TEST_DB_URL,
    AUTH_RATE_LIMIT: '100000',
    H5_DIST: '/nonexistent-h5',
    SEED_DEMO: 'true',
    DEV_LOGIN: 'true',
    SEED_CATCH_ALL_OFFICERS: 'false',
    ...overrides,
  };
}

/** Drops every table so each test file starts from migrations on a clean schema. */
export async function resetDatabase(env: Record<string, string | undefined>): Promise<void> {
  if (!env.DB_URL) return;
  const config = loadConfig(env);
  configurePiiFromConfig(config);
  const ds = createDataSource(config);
  await ds.initialize();
  await ds.dropDatabase();
  await ds.destroy();
}

export interface TestApp extends CreatedApp {
  ds: DataSource;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Record<string, string | undefined> = {}, logStream?: { write(s: string): void }): Promise<TestApp> {
  const env = testEnv(overrides);
  await resetDatabase(env);
  const created = await createApp({ env, logStream });
  await created.app.getHttpAdapter().getInstance().ready();
  return { ...created, ds: created.app.get(DataSource), close: () => created.app.close() };
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; roles: Array<{ role: Role; orgCode: string | null }>; mobileMasked: string | null };
  auth: { authorization: string };
}

export async function devLogin(app: NestFastifyApplication, openid: string, roles?: Role[], orgCode?: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/dev', payload: { openid, roles, orgCode } });
  if (res.statusCode !== 200) throw new Error(`dev login failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as Omit<Session, 'auth'>;
  return { ...body, auth: { authorization: `Bearer ${body.accessToken}` } };
}
