// The workspace config, plus: tests drive workflows through a worker, a client and fake activities, and reuse
// the worker app's bundler options (same aliases as production), which workflow code itself may never import.
const root = require('../eslint.config.js');

module.exports = [
  ...root,
  {
    files: ['workflows/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
