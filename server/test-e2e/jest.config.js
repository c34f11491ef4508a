/** Browser journeys: the built H5 app served by the real server, driven in Debian's headless Chromium. */
// A test gets 5 min: a journey takes ~1 min on a quiet machine and has taken over 2 min on a loaded 2-core CI one.
const base = require('../jest.config.js');
/** @type {import('jest').Config} */
module.exports = { ...base, rootDir: '..', roots: ['<rootDir>/test-e2e'], testMatch: ['**/*.journey.test.ts'], testTimeout: 300000 };
