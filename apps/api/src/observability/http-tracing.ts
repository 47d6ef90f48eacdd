import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
  app.use((request: Request, response: Response, next: NextFunction) =>
    inServerSpan(request, response, { path: request.path, requestId: (request as Request & { id?: string }).id, route: () => routeTemplateOf(request) }, next),
  );
}

/** Where a request goes, for its span: its path, its id, and (once answered) the route template it matched. */
export interface TracedRequest {
  path: string;
  requestId: string | undefined;
  route: () => string | undefined;
}

/**
 * Runs `next` in a server span of `request` (see {@link mountHttpTracing}), ended when the answer is sent; with traces
 * off, just runs `next`. Also for routes served ahead of Express.
 */
export function inServerSpan(request: IncomingMessage, response: ServerResponse, traced: TracedRequest, next: () => void): void {
  if (!activeTracing()) return next();
  const method = request.method ?? '';
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = lunasTracer().startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': traced.path, 'lunas.request_id': String(traced.requestId) } },
    parent,
  );
  response.once('finish', () => {
    const route = traced.route();
    if (route) {
      span.updateName(`${method} ${route}`);
      span.setAttribute('http.route', route);
    }
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
}

/** Exports the spans still buffered when the API stops. */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTracing()?.shutdown();
  }
}
