/** Browser journeys: the built H5 app served by the real server, driven in Debian's headless Chromium. */
const base = require('../jest.config.js');
/** @type {import('jest').Config} */
module.exports = { ...base, rootDir: '..', roots: ['<rootDir>/test-e2e'], testMatch: ['**/*.journey.test.ts'], testTimeout: 120000 };
