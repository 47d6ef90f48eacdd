// Tests of the local stand-ins for outside systems: each speaks the real wire format on loopback.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sandbox',
  rootDir: __dirname,
  testTimeout: 30000,
};
