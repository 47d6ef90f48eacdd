// Serves the static Temporal Web UI build (temporal/ui/build) with a single-page-app fallback.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import serveStatic from 'serve-static';

/** Connect-style continuation: called when the request is not the UI's to answer. */
export type NextFunction = (error?: unknown) => void;

/** A plain `http` request listener that also works as Connect/Express middleware. */
export type UiStaticHandler = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

/** Hashed bundles SvelteKit emits; their names change with their content, so browsers may keep them. */
const IMMUTABLE_PREFIX = '/_app/immutable/';
/** One year, the longest `max-age` browsers honour, for the hashed bundles above. */
const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html and version.json change with every build: always revalidate them. */
const REVALIDATE_CACHE_CONTROL = 'no-cache';

const INDEX_HTML = 'index.html';
const API_PREFIX = '/api/';
/** Seconds between reloads of the placeholder page while the build is missing. */
const BUILDING_REFRESH_SECONDS = 10;
/** Answered for every UI page until index.html exists (the static adapter writes it last, after the assets). */
const BUILDING_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${BUILDING_REFRESH_SECONDS}">
<title>Temporal Web UI sedang dibangun</title>
</head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Temporal Web UI sedang dibangun</h1>
<p>Pada <code>npm start</code> pertama, Temporal Web UI dibangun di latar belakang (sekitar 4 menit pada mesin 2 inti).
Lunas, konsol, dan server Temporal sudah berjalan.</p>
<p>Halaman ini dimuat ulang otomatis setiap ${BUILDING_REFRESH_SECONDS} detik dan menampilkan Web UI begitu siap.</p>
<p>Tidak memakai <code>npm start</code>? Jalankan <code>npx nx run temporal-ui:build</code>.</p>
</body>
</html>
`;

/**
 * Absolute path of the UI's static build (`temporal/ui/build`). Found by walking up from this module's
 * directory to the workspace that holds `temporal/ui`, so it is right both from source and from a
 * bundle written elsewhere in the workspace (e.g. temporal/devserver/dist).
 */
export const UI_BUILD_DIR = locateBuildDir(__dirname);

function locateBuildDir(startDir: string): string {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const uiProject = path.join(dir, 'temporal', 'ui');
    if (existsSync(path.join(uiProject, 'svelte.config.js'))) return path.join(uiProject, 'build');
    if (path.dirname(dir) === dir) return path.resolve(startDir, '..', 'build');
  }
}

/**
 * Serves files from `buildDir` (content types, ETag/Last-Modified, HEAD, ranges by serve-static) with
 * long-lived caching for hashed `/_app/immutable/` bundles, and answers every other GET/HEAD path with
 * index.html so the browser-side router renders deep links. Paths under `/api/` and other methods are
 * passed to `next` (or, without `next`, answered 404/405 with `{ "message" }`). A missing asset under
 * `/_app/` is a 404, never index.html. Until the build exists (it may be under way in the background) every UI
 * path answers 503 with a "sedang dibangun" page that reloads itself; the build is picked up on the next request.
 */
export function uiStaticHandler(buildDir: string = UI_BUILD_DIR): UiStaticHandler {
  const serveFile = serveStatic(buildDir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, filePath) => {
      const relative = `/${path.relative(buildDir, filePath).split(path.sep).join('/')}`;
      res.setHeader('Cache-Control', relative.startsWith(IMMUTABLE_PREFIX) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL);
    },
  });
  const indexPath = path.join(buildDir, INDEX_HTML);

  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    if (pathname.startsWith(API_PREFIX) || pathname === '/api' || !isRead) {
      if (next) return next();
      return sendJson(res, isRead ? 404 : 405, isRead ? 'Not found' : 'Method not allowed');
    }
    serveFile(req, res, (error?: unknown) => {
      if (error) return next ? next(error) : sendJson(res, 500, 'Internal error');
      if (pathname.startsWith('/_app/')) return sendJson(res, 404, 'Not found');
      void sendIndex(indexPath, req, res);
    });
  };
}

async function sendIndex(indexPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let html: Buffer;
  try {
    html = await readFile(indexPath);
  } catch {
    res.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(BUILDING_PAGE),
      'Cache-Control': 'no-store',
      'Retry-After': String(BUILDING_REFRESH_SECONDS),
    });
    res.end(req.method === 'HEAD' ? undefined : BUILDING_PAGE);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': html.length,
    'Cache-Control': REVALIDATE_CACHE_CONTROL,
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}

function sendJson(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
