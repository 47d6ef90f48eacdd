import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A stand-in page in Bahasa Indonesia that reloads itself every few seconds. */
export function pageHtml(title: string, body: string, refreshSeconds = 3): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${refreshSeconds}">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1f2937;max-width:60rem}
.card{border:1px solid #e5e7eb;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}.muted{color:#6b7280;font-size:.9em}
pre{white-space:pre-wrap;font-family:inherit;margin:.5rem 0}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

/** An HTTP server on loopback for a stand-in's page; answers 500 with the error when a handler throws. */
export async function listenHttp(port: number, handler: Handler, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response, new URL(request.url ?? '/', `http://${host}`))).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}

export function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
