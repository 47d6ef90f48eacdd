// Flat ESLint config: TypeScript rules plus Nx module boundaries (HOUSE-STYLE rule 18).
const nx = require('@nx/eslint-plugin');

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.angular', 'temporal/devserver/bin/**', 'temporal/ui/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:integration', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              bannedExternalImports: ['typeorm', 'pg', '@nestjs/*', '@temporalio/activity', '@temporalio/worker', '@temporalio/client', 'fs', 'node:*', 'http', 'https', 'net', 'child_process'] },
            { sourceTag: 'type:devserver', onlyDependOnLibsWithTags: ['type:devserver', 'type:testing'] },
            { sourceTag: 'type:console', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:observability', onlyDependOnLibsWithTags: ['type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:config', 'type:domain', 'type:contracts', 'type:persistence', 'type:integration', 'type:workflows', 'type:devserver', 'type:testing', 'type:observability'] },
          ],
        },
      ],
    },
  },
];
