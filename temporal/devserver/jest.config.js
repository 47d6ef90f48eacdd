module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'devserver',
  rootDir: __dirname,
  // Real SDK workers and workflow bundles: generous per-test time, files in parallel on 2 workers.
  testTimeout: 60_000,
  maxWorkers: 2,
};
