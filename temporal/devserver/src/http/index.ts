/**
 * The dev server's HTTP port (`--ui-port`): the Temporal Web UI's API under `/api/v1` and the static UI
 * build (temporal/ui/build) on everything else.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The static Temporal Web UI build and its file handler (temporal/ui).
import { UI_BUILD_DIR, uiStaticHandler } from '@lunas/temporal-ui';
import type { Root } from 'protobufjs';
import type { UnaryHandler } from '../grpc/bind-service';
import type { Logger } from '../logger';
import { protoRoot } from '../proto';
import type { UiServerFactory } from '../server';
import { httpApi } from './api';

export { PollerRegistry } from './pollers';
export { withDerivedHandlers } from './derived-handlers';

export interface HttpServerOptions {
  ip: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  root: Root;
  /** Fully qualified service name → its handlers (the maps the gRPC server binds). */
  services: Record<string, Record<string, UnaryHandler>>;
  defaultNamespace: string;
  log: Logger;
  /** Static UI build to serve. Default: temporal/ui/build. */
  uiBuildDir?: string;
}

export interface HttpServer {
  /** The bound port. */
  port: number;
  /** `http://host:port` */
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const api = httpApi({ root: options.root, services: options.services, defaultNamespace: options.defaultNamespace, log: options.log });
  const ui = uiStaticHandler(options.uiBuildDir ?? UI_BUILD_DIR);
  const server = createServer((req, res) => {
    try {
      ui(req, res, () => api(req, res));
    } catch (error) {
      options.log.error(`HTTP ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'internal error' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.ip, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.ip.includes(':') ? `[${options.ip}]` : options.ip;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The default `uiServer` of `startDevServer`: the HTTP API and static UI on `uiPort`. The UI opens the first
 * namespace given besides `default` (e.g. `lunas`), else `default`.
 */
export const httpUiServer: UiServerFactory = (context) => {
  const namespaces = context.engine.namespaces.list().map((ns) => ns.name);
  return startHttpServer({
    ip: context.ip,
    port: context.uiPort,
    root: protoRoot,
    services: context.services,
    defaultNamespace: namespaces.find((name) => name !== 'default') ?? 'default',
    log: context.engine.log,
  });
};
