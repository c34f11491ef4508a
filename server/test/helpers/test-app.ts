import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@nuanxin/shared';
import { DataSource } from 'typeorm';
import { createApp, type CreatedApp } from '../../src/app.factory';
import { cloneTemplate } from './db-template';
import { testEnv } from './test-env';

export { DIALECT, TEST_DB_URL, testEnv } from './test-env';

/** Each test file starts on a fresh database: see db-template.ts (MariaDB); SQLite in memory is always fresh. */
export async function resetDatabase(env: Record<string, string | undefined>): Promise<void> {
  if (env.DB_URL) await cloneTemplate(env);
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
