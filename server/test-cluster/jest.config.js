/** The cluster tier: API tests through nginx against `scripts/cluster.sh start` (two replicas, Redis, S3, MariaDB). */
const base = require('../jest.config.js');
/** @type {import('jest').Config} */
module.exports = { ...base, rootDir: '..', roots: ['<rootDir>/test-cluster'], testMatch: ['**/*.cluster.test.ts'], testTimeout: 60000, testSequencer: '<rootDir>/test-cluster/sequencer.js' };
