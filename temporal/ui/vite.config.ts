import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

/**
 * Build-time settings the @temporalio/ui package reads from `import.meta.env`:
 * - VITE_API: the API origin; '' means the same origin that served the page (the dev server's --ui-port).
 * - VITE_TEMPORAL_UI_BUILD_TARGET: 'local' makes the package treat the server as self-hosted, not Temporal Cloud.
 */
const buildEnv = {
  VITE_API: process.env.VITE_API ?? '',
  VITE_TEMPORAL_UI_BUILD_TARGET: 'local',
};

export default defineConfig({
  plugins: [sveltekit()],
  define: Object.fromEntries(
    Object.entries(buildEnv).map(([key, value]) => [`import.meta.env.${key}`, JSON.stringify(value)]),
  ),
  build: { chunkSizeWarningLimit: 4096 },
});
