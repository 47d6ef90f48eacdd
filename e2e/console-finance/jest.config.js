module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console-finance-e2e',
  rootDir: __dirname,
  // The real API (serving the built console) on a fresh migrated test PostgreSQL.
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
