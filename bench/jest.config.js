// The soak's reduced form (bench/soak/soak.spec.ts) on a fresh migrated database, the embedded Temporal dev server in
// process and the real worker app in child processes; the benchmarks themselves are commands (docs/benchmarks.md).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'bench',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../libs/persistence/src/testing/jest-global-teardown.ts',
  testTimeout: 30000,
};
