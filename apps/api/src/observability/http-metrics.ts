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
    const stop = lunasMetrics.httpDuration.startTimer();
    response.once('finish', () => {
      stop({ method: request.method, route: routeTemplateOf(request) ?? 'unmatched', status: String(response.statusCode) });
    });
    next();
  });
}

/** The route template the router matched (`/api/v1/invoices/:id`), once it has; undefined when no route matched. */
export function routeTemplateOf(request: Request): string | undefined {
  return request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : undefined;
}
