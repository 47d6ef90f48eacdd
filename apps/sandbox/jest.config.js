// Tests of the local stand-ins for outside systems: each speaks the real wire format on loopback. The lab NAS
// tests run the real FreeRADIUS on a throwaway embedded PostgreSQL (the persistence global setup).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sandbox',
  rootDir: __dirname,
  testTimeout: 30000,
  globalSetup: '<rootDir>/../../libs/persistence/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/persistence/src/testing/jest-global-teardown.ts',
};
