// Medium tests: one throwaway embedded PostgreSQL cluster per run (or DATABASE_URL's server),
// one fresh database per test file (see src/testing).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'persistence',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
};
