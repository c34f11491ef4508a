import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@nuanxin/shared';
import { createConnection, type Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createApp, type CreatedApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { MYSQL_MIGRATIONS } from '../../src/database/migrations/mysql';
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

/**
 * MariaDB: every test file starts on a fresh copy of the fully migrated schema. The migrations run once per set of
 * migrations into a template database (`<db>_tpl`, rebuilt when any migration's name or code changes); each reset
 * drops the test database's tables and recreates them from the template's `SHOW CREATE TABLE` (foreign keys and all)
 * with the rows the migrations wrote (the `migrations` table) — one round trip instead of ~16 migrations' DDL. The app's
 * own `runMigrations` then finds nothing to do, as in production after a deploy. SQLite (in memory) is always fresh.
 */
export async function resetDatabase(env: Record<string, string | undefined>): Promise<void> {
  if (!env.DB_URL) return;
  const url = new URL(env.DB_URL.replace(/^mariadb:/, 'mysql:'));
  const db = decodeURIComponent(url.pathname.slice(1));
  const conn = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: db,
    multipleStatements: true,
    charset: 'utf8mb4_unicode_ci',
  });
  try {
    const template = await ensureTemplate(conn, env, url, db);
    const [existing] = (await conn.query('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db])) as unknown as [
      Array<{ name: string; type: string }>,
    ];
    const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;
    const views = existing.filter((t) => t.type === 'VIEW').map((t) => quote(t.name));
    const tables = existing.filter((t) => t.type !== 'VIEW').map((t) => quote(t.name));
    const statements = [
      'SET FOREIGN_KEY_CHECKS = 0',
      ...(views.length ? [`DROP VIEW IF EXISTS ${views.join(', ')}`] : []),
      ...(tables.length ? [`DROP TABLE IF EXISTS ${tables.join(', ')}`] : []),
      ...template.creates,
      ...template.withRows.map((t) => `INSERT INTO ${quote(t)} SELECT * FROM ${quote(`${db}_tpl`)}.${quote(t)}`),
      'SET FOREIGN_KEY_CHECKS = 1',
    ];
    await conn.query(statements.join(';\n'));
  } finally {
    await conn.end();
  }
}

interface Template {
  creates: string[];
  withRows: string[];
}

/** The migrations as they are now: their names and code. A template built from other migrations is rebuilt. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of MYSQL_MIGRATIONS as Array<{ name: string; toString(): string }>) hash.update(`${m.name}\n${m.toString()}\n`);
  return hash.digest('hex');
}

async function ensureTemplate(conn: Connection, env: Record<string, string | undefined>, url: URL, db: string): Promise<Template> {
  const tpl = `${db}_tpl`;
  const fingerprint = migrationsFingerprint();
  const read = async (): Promise<Template | null> => {
    try {
      const [rows] = (await conn.query(`SELECT fingerprint, body FROM \`${tpl}\`.\`_template\``)) as unknown as [Array<{ fingerprint: string; body: string }>];
      return rows[0]?.fingerprint === fingerprint ? (JSON.parse(rows[0].body) as Template) : null;
    } catch {
      return null; // no template yet
    }
  };
  const ready = await read();
  if (ready) return ready;
  // One builder at a time (two jest processes on one server wait for each other's template).
  await conn.query('SELECT GET_LOCK(?, 600)', [`${tpl}-build`]);
  try {
    const built = await read();
    if (built) return built;
    await conn.query(`DROP DATABASE IF EXISTS \`${tpl}\`; CREATE DATABASE \`${tpl}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${tpl}`;
    const config = loadConfig({ ...env, DB_URL: tplUrl.toString() });
    configurePiiFromConfig(config);
    const ds = createDataSource(config);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const [tables] = (await conn.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`, [
      tpl,
    ])) as unknown as [Array<{ name: string }>];
    const template: Template = { creates: [], withRows: [] };
    for (const { name } of tables) {
      const [[create]] = (await conn.query(`SHOW CREATE TABLE \`${tpl}\`.\`${name}\``)) as unknown as [Array<{ 'Create Table': string }>];
      template.creates.push(create['Create Table']);
      const [[count]] = (await conn.query(`SELECT COUNT(*) AS n FROM \`${tpl}\`.\`${name}\``)) as unknown as [Array<{ n: number | string }>];
      if (Number(count.n) > 0) template.withRows.push(name);
    }
    await conn.query(`CREATE TABLE \`${tpl}\`.\`_template\` (fingerprint varchar(64) NOT NULL, body longtext NOT NULL)`);
    await conn.query(`INSERT INTO \`${tpl}\`.\`_template\` VALUES (?, ?)`, [fingerprint, JSON.stringify(template)]);
    return template;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [`${tpl}-build`]);
  }
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
