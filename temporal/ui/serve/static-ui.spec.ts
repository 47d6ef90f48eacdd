import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';

import { UI_BUILD_DIR, uiStaticHandler, type NextFunction } from './static-ui';

const INDEX_HTML = '<!doctype html><title>Temporal</title>';
const ENTRY_JS = 'export const start = 1;';

describe(uiStaticHandler.name, () => {
  let root: string;
  let buildDir: string;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'static-ui-'));
    buildDir = path.join(root, 'build');
    mkdirSync(path.join(buildDir, '_app', 'immutable', 'entry'), { recursive: true });
    writeFileSync(path.join(buildDir, 'index.html'), INDEX_HTML);
    writeFileSync(path.join(buildDir, '_app', 'version.json'), '{"version":"1"}');
    writeFileSync(path.join(buildDir, '_app', 'immutable', 'entry', 'start.Ab12Cd.js'), ENTRY_JS);
    writeFileSync(path.join(root, 'secret.txt'), 'secret');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The handler alone, as the dev server mounts it when nothing else answers. */
  const standalone = (dir = buildDir) => createServer(uiStaticHandler(dir));

  /** The handler in front of an API that answers everything it is passed. */
  const withApi = () => {
    const handler = uiStaticHandler(buildDir);
    const api = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(299).end('api');
    return createServer((req, res) => handler(req, res, (() => api(req, res)) as NextFunction));
  };

  describe('static files', () => {
    it('serves hashed bundles with their content type and a one-year immutable cache', async () => {
      const res = await request(standalone()).get('/_app/immutable/entry/start.Ab12Cd.js');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.text).toBe(ENTRY_JS);
    });

    it('makes browsers revalidate files that keep their name across builds', async () => {
      const res = await request(standalone()).get('/_app/version.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-cache');
    });

    it('answers a missing bundle with 404 rather than index.html', async () => {
      const res = await request(standalone()).get('/_app/immutable/entry/gone.js');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Not found' });
    });
  });

  describe('single-page fallback', () => {
    it('answers a deep link with index.html, revalidated on every visit', async () => {
      const res = await request(standalone()).get('/namespaces/default/workflows/sub-1/run-1/history?sort=descending');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toBe(INDEX_HTML);
    });

    it('answers HEAD with the headers of index.html and no body', async () => {
      const res = await request(standalone()).head('/namespaces/default/workflows');
      expect(res.status).toBe(200);
      expect(res.headers['content-length']).toBe(String(INDEX_HTML.length));
      expect(res.text).toBeUndefined();
    });

    it.each(['/../secret.txt', '/%2e%2e/secret.txt'])('never serves files outside the build (%s)', async (url) => {
      const res = await request(standalone()).get(url);
      expect(res.text).not.toContain('secret');
    });

    it('answers a "sedang dibangun" page that reloads itself while the build is missing, and the UI once it is there', async () => {
      const building = path.join(root, 'building');
      const server = standalone(building); // one handler across the build, as in a running dev server
      const before = await request(server).get('/namespaces/default/workflows');
      expect(before.status).toBe(503);
      expect(before.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(before.headers['cache-control']).toBe('no-store');
      expect(before.headers['retry-after']).toBe('10');
      expect(before.text).toContain('<title>Temporal Web UI sedang dibangun</title>');
      expect(before.text).toContain('<meta http-equiv="refresh" content="10">');
      expect(before.text).toContain('npx nx run temporal-ui:build');

      // The background build finishes: assets first, index.html last.
      mkdirSync(path.join(building, '_app', 'immutable', 'entry'), { recursive: true });
      writeFileSync(path.join(building, '_app', 'immutable', 'entry', 'start.Ab12Cd.js'), ENTRY_JS);
      writeFileSync(path.join(building, 'index.html'), INDEX_HTML);

      const after = await request(server).get('/namespaces/default/workflows');
      expect(after.status).toBe(200);
      expect(after.text).toBe(INDEX_HTML);
      expect((await request(server).get('/_app/immutable/entry/start.Ab12Cd.js')).text).toBe(ENTRY_JS);
    });
  });

  describe('requests that are not the UI', () => {
    it.each(['/api/v1/settings', '/api'])('passes %s to next', async (url) => {
      const res = await request(withApi()).get(url);
      expect(res.status).toBe(299);
    });

    it('passes writes to next', async () => {
      const res = await request(withApi()).post('/namespaces/default/workflows');
      expect(res.status).toBe(299);
    });

    it('answers an API path with 404 and a message when there is no next', async () => {
      const res = await request(standalone()).get('/api/v1/unknown');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Not found' });
    });

    it('answers a write with 405 and a message when there is no next', async () => {
      const res = await request(standalone()).delete('/namespaces/default');
      expect(res.status).toBe(405);
      expect(res.body).toEqual({ message: 'Method not allowed' });
    });
  });
});

describe('UI_BUILD_DIR', () => {
  it('points at the build output of the temporal/ui project', () => {
    expect(UI_BUILD_DIR).toBe(path.resolve(__dirname, '..', 'build'));
  });
});
