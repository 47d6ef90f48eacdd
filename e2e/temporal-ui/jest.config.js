module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'temporal-ui-e2e',
  rootDir: __dirname,
  // The real worker's activities write to a test PostgreSQL (a fresh migrated database).
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
  // One browser against one dev server; each step waits for the UI's polling (up to 10 s per refresh).
  testTimeout: 120_000,
  maxWorkers: 1,
};
