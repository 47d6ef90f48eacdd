// CommonJS file name: this folder's package.json says "type": "module" for the SvelteKit shell.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'temporal-ui',
  rootDir: __dirname,
  roots: ['<rootDir>/serve'],
};
