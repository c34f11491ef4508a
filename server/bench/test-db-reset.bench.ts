/**
 * What a MariaDB test file's fresh database costs: the old reset (TypeORM dropDatabase, then every migration) against
 * the template clone (test/helpers/db-template.ts), alternated back to back on a scratch database of the same server.
 * Prints each round and the medians. Needs a MariaDB (scripts/mariadb.sh start); runs through Jest for the TS setup:
 *   cd server && TEST_DB_URL=<url> BENCH_ROUNDS=5 npx jest --roots '<rootDir>/bench' --testMatch '**\/test-db-reset.bench.ts' --testTimeout 600000
 * The scratch database is `<db>_bench` (and its template `<db>_bench_tpl`), dropped at the end.
 */
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { configurePiiFromConfig } from '../src/pii/pii.module';
import { cloneTemplate, prepareTemplate } from '../test/helpers/db-template';
import { testEnv } from '../test/helpers/test-env';

const URL_ = process.env.TEST_DB_URL;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(URL_ ? it : it.skip)('a fresh migrated test database: drop + migrate vs clone of the template', async () => {
  const url = new URL(URL_!.replace(/^mariadb:/, 'mysql:'));
  const db = `${decodeURIComponent(url.pathname.slice(1))}_bench`;
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), multipleStatements: true });
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${db}`;
  const env = testEnv({ DB_URL: url.toString().replace(/^mysql:/, 'mariadb:') });
  const config = loadConfig(env);
  configurePiiFromConfig(config);
  const dropAndMigrate = async () => {
    const ds = createDataSource(config);
    await ds.initialize();
    await ds.dropDatabase();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  };
  let t = Date.now();
  await prepareTemplate(env);
  const build = Date.now() - t;
  const old: number[] = [];
  const clone: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    t = Date.now();
    await dropAndMigrate();
    old.push(Date.now() - t);
    t = Date.now();
    await cloneTemplate(env);
    clone.push(Date.now() - t);
    console.log(`round ${i + 1}: drop + migrate ${old[i]} ms, clone ${clone[i]} ms`);
  }
  console.log(`template build (once per set of migrations): ${build} ms`);
  console.log(`median of ${ROUNDS}: drop + migrate ${median(old)} ms, clone ${median(clone)} ms (ratio ${(median(clone) / median(old)).toFixed(2)})`);
  await admin.query(`DROP DATABASE \`${db}\`; DROP DATABASE IF EXISTS \`${db}_tpl\``);
  await admin.end();
});
