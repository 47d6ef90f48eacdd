import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open: longer than the 60 s that common proxies and load balancers
 * (nginx upstream keep-alive, AWS ALB, gateways' HTTP clients) keep theirs. With Node's default of 5 s the server
 * closed connections that a client was about to reuse, and a request written at that moment was lost (ECONNRESET).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Above {@link KEEP_ALIVE_TIMEOUT_MS}, so that a reused connection's headers are never cut off first. */
export const HEADERS_TIMEOUT_MS = 66_000;

/** Keep-alive and header timeouts of the API's HTTP server. */
export function applyHttpTimeouts(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
}
