/**
 * @lunas/devserver: an embedded Temporal dev server (frontend gRPC API, durable journal, time skipping)
 * that the real Temporal SDK runs against. See README.md.
 */
export { startDevServer, DEFAULT_IP, DEFAULT_PORT } from './server';
export type { DevServer, DevServerOptions, UiServerContext, UiServerFactory } from './server';
export type { LogLevel } from './logger';
export { devServerBinPath } from './bin-path';
