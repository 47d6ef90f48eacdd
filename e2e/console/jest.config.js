module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console-e2e',
  rootDir: __dirname,
  // The API and the real worker run on a test PostgreSQL (a fresh migrated database).
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
  // One browser against one API; the slowest step waits for a payment to travel gateway → API → workflow → console.
  testTimeout: 90_000,
  maxWorkers: 1,
};
