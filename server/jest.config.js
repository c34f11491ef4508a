/** Service and API tests run against the database chosen by DB_URL (unset = embedded SQLite). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { swcrc: true }] },
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|load-esm|content-disposition|cookie)/)',
  ],
  moduleNameMapper: {
    '^@nuanxin/shared$': '<rootDir>/../shared/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // A test or hook gets 60 s: an app boot (migrations, demo seed, Nest) has taken over 30 s on a loaded 2-core CI machine.
  testTimeout: 60000,
  // On MariaDB, the migrated template every file's database is cloned from is built once, before the first file.
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
};
