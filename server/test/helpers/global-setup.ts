import { prepareTemplate } from './db-template';
import { testEnv } from './test-env';

/**
 * Jest globalSetup: on MariaDB (TEST_DB_URL), the migrated template every test file's database is cloned from is built
 * once, before the first file, outside any hook's timeout (under load the first file's app boot timed out building it).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DB_URL) await prepareTemplate(testEnv());
}
