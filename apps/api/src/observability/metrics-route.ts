import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Logger, UnauthorizedException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { LunasConfig } from '@lunas/config';
import { lunasMetrics, metricsRegistry } from '@lunas/observability';
import { sendProblem } from '../common/problem-details/send-problem';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `GET /metrics` (Prometheus text format) on the API's own port. Metrics name routes, gateways and volumes, which is
 * nothing for the internet to read, yet the API port is the one a load balancer publishes; so: with
 * `LUNAS_METRICS_TOKEN` set, a scraper must present it as a bearer token (compared in constant time), from anywhere
 * (Prometheus in another container); without it, only connections from loopback are answered (the peer address of
 * the socket, never a forwarded header). Mounted ahead of Nest's pipeline, like the webhook route.
 */
export function mountMetricsRoute(app: NestExpressApplication, config: LunasConfig): void {
  const log = new Logger('Metrics');
  const dataSource = app.get(DataSource);
  app.getHttpAdapter().getInstance().get('/metrics', (request: Request, response: Response) => {
    const refusal = refusalOf(request, config.metrics.token);
    if (refusal) {
      sendProblem(request, response, refusal, log);
      return;
    }
    refreshInboxDepth(dataSource)
      .then(() => metricsRegistry.metrics())
      .then(
        (text) => response.type(metricsRegistry.contentType).send(text),
        (error: unknown) => sendProblem(request, response, error, log),
      );
  });
}

function refusalOf(request: Request, token: string | undefined): Error | undefined {
  if (!token) {
    return LOOPBACK.has(request.socket.remoteAddress ?? '') ? undefined : new ForbiddenException('Metrik hanya dapat dibaca dari host ini, atau dengan token metrik (LUNAS_METRICS_TOKEN).');
  }
  const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return sameSecret(presented, token) ? undefined : new UnauthorizedException('Token metrik tidak valid.');
}

/** Constant-time comparison of two secrets of any length (their SHA-256 digests are compared). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

async function refreshInboxDepth(dataSource: DataSource): Promise<void> {
  const [row]: Array<{ depth: number }> = await dataSource.query(
    `SELECT count(*)::int AS depth FROM payment_events WHERE booked_at IS NULL AND status = 'pending'`,
  );
  lunasMetrics.inboxDepth.set(row?.depth ?? 0);
}

/** The route in the OpenAPI document (it bypasses the Nest router, so Swagger cannot see it). */
export function documentMetricsRoute(document: OpenAPIObject): void {
  document.paths['/metrics'] = {
    get: {
      tags: ['operations'],
      summary: 'Prometheus metrics of this API instance',
      description: 'With LUNAS_METRICS_TOKEN set: `Authorization: Bearer <token>`; without it, answered only to loopback connections.',
      security: [{ bearer: [] }],
      responses: {
        '200': { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
        '401': { description: 'Token metrik tidak valid' },
        '403': { description: 'Metrik hanya dapat dibaca dari host ini' },
      },
    },
  };
}
