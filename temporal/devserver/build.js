// Bundles the dev server (src/cli.ts and src/index.ts) with esbuild into dist/, so bin/lunas-temporal starts fast.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild
  .build({
    entryPoints: { cli: path.join(__dirname, 'src/cli.ts'), index: path.join(__dirname, 'src/index.ts') },
    outdir: path.join(__dirname, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    // Resolves the workspace path aliases (@lunas/temporal-ui) from the base tsconfig.
    tsconfig: path.join(__dirname, 'tsconfig.lib.json'),
  })
  .catch(() => process.exit(1));
