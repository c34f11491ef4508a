import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/** Resolves SQLITE_PATH against the server package folder, so the file lands in server/data/ wherever we start. */
export function sqliteFile(config: AppConfig): string {
  const p = config.SQLITE_PATH;
  if (p === ':memory:' || isAbsolute(p)) return p;
  return resolve(__dirname, '..', '..', p);
}

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false,
  } as const;
  if (config.dialect === 'mysql') {
    return {
      ...common,
      // MariaDB reports column defaults differently from MySQL 8; TypeORM needs to know which it talks to.
      type: config.DB_URL!.startsWith('mariadb://') ? 'mariadb' : 'mysql',
      url: config.DB_URL!.replace(/^mariadb:/, 'mysql:'),
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: config.DB_POOL_SIZE,
      migrations: MYSQL_MIGRATIONS,
      // trace: false — mysql2 otherwise captures a stack (new Error) per query for its error messages; TypeORM's
      // QueryFailedError carries the query and parameters anyway.
      extra: { connectionLimit: config.DB_POOL_SIZE, trace: false },
    };
  }
  const file = sqliteFile(config);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    migrations: SQLITE_MIGRATIONS,
    // WAL lets readers go on while the single writer commits; busy_timeout waits instead of failing.
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
    enableWAL: file !== ':memory:',
  };
}

export function createDataSource(config: AppConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}
