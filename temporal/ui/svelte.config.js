// SvelteKit shell around the @temporalio/ui component library, built as a static single-page app.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Every route is rendered in the browser: the server answers unknown non-API paths with index.html.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: false }),
    // Always ship the current build; a stale tab reloads itself (the package watches `updated`).
    version: { pollInterval: 0 },
  },
};

export default config;
