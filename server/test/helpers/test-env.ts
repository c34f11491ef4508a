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
