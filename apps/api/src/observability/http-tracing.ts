import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { activeTracing, lunasTracer } from '@lunas/observability';
import { routeTemplateOf } from './http-metrics';

/**
 * With traces on (`OTEL_*`), every request runs in a server span named by its route template (`POST
 * /webhooks/:gateway`), continuing the caller's W3C `traceparent` if it sent one: what the request stores (a webhook's
 * inbox row) and calls (Temporal signals, starts, updates) carries that trace on. Mounted ahead of every route,
 * after the request id (a span attribute). With traces off nothing is mounted.
 */
export function mountHttpTracing(app: NestExpressApplication): void {
  if (!activeTracing()) return;
  const tracer = lunasTracer();
  app.use((request: Request, response: Response, next: NextFunction) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      request.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.path, 'lunas.request_id': String((request as Request & { id?: string }).id) } },
      parent,
    );
    response.once('finish', () => {
      const route = routeTemplateOf(request);
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  });
}

/** Exports the spans still buffered when the API stops. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTracing()?.shutdown();
  }
}
