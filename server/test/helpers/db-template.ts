import { createHash } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { MYSQL_MIGRATIONS } from '../../src/database/migrations/mysql';
import { configurePiiFromConfig } from '../../src/pii/pii.module';

/*
 * MariaDB: every test file starts on a fresh copy of the fully migrated schema. The migrations run once per set of
 * migrations into a template database (`<db>_tpl`, rebuilt when any migration's name or code changes: Jest's
 * globalSetup builds it before the first file, outside any hook's timeout); each reset drops the test database's
 * tables and recreates them from the template's `SHOW CREATE TABLE` (foreign keys and all) with the rows the
 * migrations wrote (the `migrations` table), in one round trip instead of every migration's DDL. The app's own
 * `runMigrations` then finds nothing to do, as in production after a deploy.
 */

interface Template {
  creates: string[];
  withRows: string[];
}

type Env = Record<string, string | undefined>;

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

function target(env: Env): { url: URL; db: string; tpl: string } {
  const url = new URL(env.DB_URL!.replace(/^mariadb:/, 'mysql:'));
  const db = decodeURIComponent(url.pathname.slice(1));
  return { url, db, tpl: `${db}_tpl` };
}

function connect(url: URL, db: string): Promise<Connection> {
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: db,
    multipleStatements: true,
    charset: 'utf8mb4_unicode_ci',
  });
}

/** Drops every table and view of the test database and recreates the migrated schema from the template. */
export async function cloneTemplate(env: Env): Promise<void> {
  const { url, db, tpl } = target(env);
  const conn = await connect(url, db);
  try {
    const template = await ensureTemplate(conn, env);
    const [existing] = (await conn.query('SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db])) as unknown as [
      Array<{ name: string; type: string }>,
    ];
    const views = existing.filter((t) => t.type === 'VIEW').map((t) => quote(t.name));
    const tables = existing.filter((t) => t.type !== 'VIEW').map((t) => quote(t.name));
    const statements = [
      'SET FOREIGN_KEY_CHECKS = 0',
      ...(views.length ? [`DROP VIEW IF EXISTS ${views.join(', ')}`] : []),
      ...(tables.length ? [`DROP TABLE IF EXISTS ${tables.join(', ')}`] : []),
      ...template.creates,
      ...template.withRows.map((t) => `INSERT INTO ${quote(t)} SELECT * FROM ${quote(tpl)}.${quote(t)}`),
      'SET FOREIGN_KEY_CHECKS = 1',
    ];
    await conn.query(statements.join(';\n'));
  } finally {
    await conn.end();
  }
}

/** Builds the template when it is missing or was built from other migrations (Jest's globalSetup calls this). */
export async function prepareTemplate(env: Env): Promise<void> {
  const { url, db } = target(env);
  const conn = await connect(url, db);
  try {
    await ensureTemplate(conn, env);
  } finally {
    await conn.end();
  }
}

/** The migrations as they are now: their names and code. A template built from other migrations is rebuilt. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of MYSQL_MIGRATIONS as Array<{ name: string; toString(): string }>) hash.update(`${m.name}\n${m.toString()}\n`);
  return hash.digest('hex');
}

async function ensureTemplate(conn: Connection, env: Env): Promise<Template> {
  const { url, tpl } = target(env);
  const fingerprint = migrationsFingerprint();
  const read = async (): Promise<Template | null> => {
    try {
      const [rows] = (await conn.query(`SELECT fingerprint, body FROM ${quote(tpl)}._template`)) as unknown as [Array<{ fingerprint: string; body: string }>];
      return rows[0]?.fingerprint === fingerprint ? (JSON.parse(rows[0].body) as Template) : null;
    } catch {
      return null; // no template yet
    }
  };
  const ready = await read();
  if (ready) return ready;
  // One builder at a time (two Jest processes on one server wait for each other's template).
  await conn.query('SELECT GET_LOCK(?, 600)', [`${tpl}-build`]);
  try {
    const built = await read();
    if (built) return built;
    await conn.query(`DROP DATABASE IF EXISTS ${quote(tpl)}; CREATE DATABASE ${quote(tpl)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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
      const [[create]] = (await conn.query(`SHOW CREATE TABLE ${quote(tpl)}.${quote(name)}`)) as unknown as [Array<{ 'Create Table': string }>];
      template.creates.push(create['Create Table']);
      const [[count]] = (await conn.query(`SELECT COUNT(*) AS n FROM ${quote(tpl)}.${quote(name)}`)) as unknown as [Array<{ n: number | string }>];
      if (Number(count.n) > 0) template.withRows.push(name);
    }
    await conn.query(`CREATE TABLE ${quote(tpl)}._template (fingerprint varchar(64) NOT NULL, body longtext NOT NULL)`);
    await conn.query(`INSERT INTO ${quote(tpl)}._template VALUES (?, ?)`, [fingerprint, JSON.stringify(template)]);
    return template;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [`${tpl}-build`]);
  }
}
