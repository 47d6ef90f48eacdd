// End-to-end tests of the `npm start` orchestrator (real processes, real ports).
module.exports = { ...require('../jest.preset.js'), displayName: 'tools', rootDir: __dirname, testTimeout: 240_000 };
