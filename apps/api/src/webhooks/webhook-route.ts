import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { HttpStatus, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GATEWAY_NAMES } from '@lunas/payments';
import type { OpenAPIObject } from '@nestjs/swagger';
import { HttpDrain } from '../bootstrap/http-drain';
import { securityHeaders } from '../bootstrap/security-headers';
import { FixedWindowLimiter, type RateLimit } from '../common/rate-limit/fixed-window-limiter';
import { loggedProblemOf, writeProblemJson } from '../common/problem-details/send-problem';
import { RetryLaterException } from '../common/rate-limit/retry-later.exception';
import { timeAnswer } from '../observability/http-metrics';
import { inServerSpan } from '../observability/http-tracing';
import { assignRequestId } from '../observability/request-id';
import { WebhookIntakeService } from './webhook-intake.service';

export const WEBHOOK_RATE_LIMIT = Symbol('WEBHOOK_RATE_LIMIT');

/**
 * Notifications per source address: 3 000 per 10 s (300/s). A gateway delivers from a few addresses, hundreds a
 * second at its busiest (`npm run bench:webhooks` sends 200/s from one); a single flooding address is cut off.
 */
export const DEFAULT_WEBHOOK_RATE_LIMIT: RateLimit = { limit: 3_000, windowMs: 10_000 };

/** Largest notification body accepted: 1 MiB (gateway notifications are a few KiB). */
const MAX_BODY_BYTES = 1024 * 1024;

/** The route's template, as metrics, traces and the OpenAPI document name it. */
export const WEBHOOK_ROUTE = '/webhooks/:gateway';

/** A webhook path, as Express matched `/webhooks/:gateway` (case-insensitive, an optional trailing slash). */
const WEBHOOK_PATH = /^\/webhooks\/([^/]+?)\/?$/i;

/**
 * Serves `POST /webhooks/:gateway` on the HTTP server ahead of Express and Nest (router, body parsers, per-request
 * logging, guards, interceptors, response helpers); every other request goes on to Express unchanged. Gateways call
 * it hundreds of times a second on a busy day and wait for the answer, and the route needs none of that pipeline: it
 * is public by design (the gateway's signature is the authentication, checked by {@link WebhookIntakeService}), it
 * reads the raw body itself, and rejected notifications are logged by the intake's security log. What every answer
 * of the API gets, it still gets: the drain's `Connection: close`, the request id, the server span and the duration
 * metric under `/webhooks/:gateway`, the security headers. Each source address (behind a trusted proxy: the
 * forwarded one, as Express computes it) is rate-limited ({@link DEFAULT_WEBHOOK_RATE_LIMIT}) before the body is read.
 */
export function mountWebhookRoute(app: NestExpressApplication): void {
  const intake = app.get(WebhookIntakeService);
  const drain = app.get(HttpDrain);
  const limiter = new FixedWindowLimiter(app.get<RateLimit>(WEBHOOK_RATE_LIMIT));
  const log = new Logger('Webhooks');
  const express = app.getHttpAdapter().getInstance();
  const server: Server = app.getHttpServer();
  const toExpress = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '').split('?', 1)[0] ?? '';
    const gateway = request.method === 'POST' ? gatewayOf(path) : undefined;
    if (gateway === undefined) {
      for (const listener of toExpress) listener.call(server, request, response);
      return;
    }
    drain.watch(response);
    const requestId = assignRequestId(request, response);
    inServerSpan(request, response, { path, requestId, route: () => WEBHOOK_ROUTE }, () => {
      timeAnswer(request, response, () => WEBHOOK_ROUTE);
      securityHeaders(request, response, () => undefined);
      const fail = (error: unknown) => writeProblemJson(response, loggedProblemOf(request.method, path, error, log));
      const source = clientAddress(request, express.get('trust proxy fn') as TrustProxy);
      const rate = limiter.take(source, Date.now());
      if (!rate.allowed) {
        request.resume();
        fail(new RetryLaterException(`Terlalu banyak notifikasi dari alamat ini. Coba lagi dalam ${rate.retryAfterSeconds} detik.`, rate.retryAfterSeconds));
        return;
      }
      readBody(request)
        .then((body) => intake.receive(gateway, body, request.headers, source))
        .then((ack) => {
          const text = JSON.stringify(ack);
          response.writeHead(HttpStatus.OK, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
        }, fail);
    });
  });
}

/** The gateway named by a webhook path, or undefined when the path is not one (or its name is not valid URI encoding). */
function gatewayOf(path: string): string | undefined {
  const name = WEBHOOK_PATH.exec(path)?.[1];
  if (name === undefined) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}

/** Express's compiled `trust proxy` setting: whether the hop at `address` (the `i`-th from the socket) is trusted. */
type TrustProxy = (address: string, i: number) => boolean;

/**
 * The client's address as Express's `request.ip` gives it: from the socket towards the client through
 * `X-Forwarded-For`, the first hop that is not a trusted proxy (the farthest one when all are).
 */
function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((hop) => hop.trim()).filter(Boolean).reverse();
  const hops = [request.socket.remoteAddress ?? '', ...forwarded];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i] ?? '', i)) i += 1;
  return hops[i] ?? '';
}

/** The route in the OpenAPI document (it bypasses the Nest router, so Swagger cannot see it). */
export function documentWebhookRoute(document: OpenAPIObject): void {
  document.paths['/webhooks/{gateway}'] = {
    post: {
      tags: ['webhooks'],
      summary: 'Payment notification of a gateway',
      description:
        'Raw body signed by the gateway (Midtrans signature_key, Xendit x-callback-token, Tripay X-Callback-Signature, ' +
        'sandbox X-Lunas-Signature). 200 once stored or seen before; 401 for a missing, wrong or stale signature (nothing stored).',
      parameters: [{ name: 'gateway', in: 'path', required: true, schema: { type: 'string', enum: [...GATEWAY_NAMES] } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': {
          description: 'Stored (or seen before)',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['received', 'duplicates'],
                properties: { received: { type: 'integer', description: 'Events in the notification' }, duplicates: { type: 'integer', description: 'Of those, already stored' } },
              },
            },
          },
        },
        '400': { description: 'Isi notifikasi tidak dapat dibaca' },
        '401': { description: 'Tanda tangan webhook tidak valid' },
        '404': { description: 'Gateway pembayaran tidak dikenal' },
        '413': { description: 'Isi notifikasi terlalu besar' },
        '429': { description: 'Terlalu banyak notifikasi dari alamat ini (per source address; Retry-After)' },
      },
    },
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        reject(new PayloadTooLargeException('Isi notifikasi terlalu besar'));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks, size)));
    request.on('error', reject);
  });
}
