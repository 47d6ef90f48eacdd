module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 120_000,
};
