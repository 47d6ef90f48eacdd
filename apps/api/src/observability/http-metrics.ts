import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { lunasMetrics } from '@lunas/observability';

/**
 * Times every answer into `lunas_http_request_duration_seconds`, labelled with the route template the router matched
 * (`/api/v1/invoices/:id`, never the id itself); requests no route matched (console files, unknown paths) share the
 * label `unmatched`. Mounted ahead of every route.
 */
export function mountHttpMetrics(app: NestExpressApplication): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    timeAnswer(request, response, () => routeTemplateOf(request) ?? 'unmatched');
    next();
  });
}

/** Times the answer to `request` into `lunas_http_request_duration_seconds` under `route()` (also ahead of Express). */
export function timeAnswer(request: IncomingMessage, response: ServerResponse, route: () => string): void {
  const stop = lunasMetrics.httpDuration.startTimer();
  response.once('finish', () => stop({ method: request.method, route: route(), status: String(response.statusCode) }));
}

/** The route template the router matched (`/api/v1/invoices/:id`), once it has; undefined when no route matched. */
export function routeTemplateOf(request: Request): string | undefined {
  return request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : undefined;
}
