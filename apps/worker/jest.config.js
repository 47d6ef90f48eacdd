// Unit tests, medium tests on a real PostgreSQL (a fresh migrated database per test file) and end-to-end tests of
// the workflow with the real activities on the embedded Temporal dev server.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'worker',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
  testTimeout: 30000,
};
