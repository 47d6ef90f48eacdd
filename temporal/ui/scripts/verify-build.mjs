// Asserts the static build is servable: index.html (the SPA fallback) and the client router's entry
// listing every page route found in src/routes. Run after `nx run temporal-ui:build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(projectDir, 'build');
const routesDir = path.join(projectDir, 'src', 'routes');

/** Route ids ("/namespaces/[namespace]/workflows") of every directory holding a +page file. */
function pageRouteIds(dir, prefix = '') {
  const entries = readdirSync(dir, { withFileTypes: true });
  const own = entries.some((entry) => entry.isFile() && entry.name.startsWith('+page')) ? [prefix || '/'] : [];
  return own.concat(
    entries
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => pageRouteIds(path.join(dir, entry.name), `${prefix}/${entry.name}`)),
  );
}

const failures = [];
const indexHtml = path.join(buildDir, 'index.html');
if (!existsSync(indexHtml)) failures.push(`missing ${indexHtml}`);
else if (!readFileSync(indexHtml, 'utf8').includes('/_app/immutable/entry/')) failures.push('index.html does not load the app entry');

const entryDir = path.join(buildDir, '_app', 'immutable', 'entry');
const appEntry = existsSync(entryDir) ? readdirSync(entryDir).find((name) => /^app\..+\.js$/.test(name)) : undefined;
if (!appEntry) failures.push(`missing app entry in ${entryDir}`);
else {
  const source = readFileSync(path.join(entryDir, appEntry), 'utf8');
  for (const id of pageRouteIds(routesDir)) {
    if (!source.includes(JSON.stringify(id))) failures.push(`route ${id} is not in the client router`);
  }
}

if (failures.length) {
  console.error(`temporal-ui build check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`temporal-ui build OK (${pageRouteIds(routesDir).length} page routes) in ${buildDir}`);
