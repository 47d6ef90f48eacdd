import { HttpStatus, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GATEWAY_NAMES } from '@lunas/payments';
import type { Request, Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { FixedWindowLimiter, type RateLimit } from '../common/rate-limit/fixed-window-limiter';
import { sendProblem } from '../common/problem-details/send-problem';
import { RetryLaterException } from '../common/rate-limit/retry-later.exception';
import { WebhookIntakeService } from './webhook-intake.service';

export const WEBHOOK_RATE_LIMIT = Symbol('WEBHOOK_RATE_LIMIT');

/**
 * Notifications per source address: 3 000 per 10 s (300/s). A gateway delivers from a few addresses, hundreds a
 * second at its busiest (`npm run bench:webhooks` sends 200/s from one); a single flooding address is cut off.
 */
export const DEFAULT_WEBHOOK_RATE_LIMIT: RateLimit = { limit: 3_000, windowMs: 10_000 };

/** Largest notification body accepted: 1 MiB (gateway notifications are a few KiB). */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Mounts `POST /webhooks/:gateway` on the Express instance ahead of Nest's pipeline (body parsers, per-request
 * logging, guards, interceptors, router). Gateways call it hundreds of times a second on a busy day and wait for the
 * answer; through the full pipeline a notification cost ~2.5 ms of API CPU before the one `INSERT` that matters
 * (Express router, response serialisation, body parsers, pino-http; docs/benchmarks.md). The route needs none of it:
 * it is public by design (the gateway's signature is the authentication, checked by {@link WebhookIntakeService}),
 * it reads the raw body itself, and rejected notifications are logged by the intake's security log. Each source
 * address is rate-limited ({@link DEFAULT_WEBHOOK_RATE_LIMIT}) before the body is read.
 *
 * Call before the application initialises (Nest registers its own middleware then, after this route).
 */
export function mountWebhookRoute(app: NestExpressApplication): void {
  const intake = app.get(WebhookIntakeService);
  const limiter = new FixedWindowLimiter(app.get<RateLimit>(WEBHOOK_RATE_LIMIT));
  const log = new Logger('Webhooks');
  app.getHttpAdapter().getInstance().post('/webhooks/:gateway', (request: Request, response: Response) => {
    const rate = limiter.take(request.ip ?? '', Date.now());
    if (!rate.allowed) {
      request.resume();
      sendProblem(request, response, new RetryLaterException(`Terlalu banyak notifikasi dari alamat ini. Coba lagi dalam ${rate.retryAfterSeconds} detik.`, rate.retryAfterSeconds), log);
      return;
    }
    readBody(request).then(
      (body) => intake.receive(String(request.params['gateway']), body, request.headers, request.ip),
    ).then(
      (ack) => response.status(HttpStatus.OK).json(ack),
      (error: unknown) => sendProblem(request, response, error, log),
    );
  });
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

function readBody(request: Request): Promise<Buffer> {
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
