// Unit tests plus medium tests on a real PostgreSQL (a fresh migrated database per test file).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
  testTimeout: 30000,
};
