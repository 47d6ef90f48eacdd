module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'temporal-ui-e2e',
  rootDir: __dirname,
  // One browser against one dev server; each step waits for the UI's polling (up to 10 s per refresh).
  testTimeout: 120_000,
  maxWorkers: 1,
};
