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
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  });
}
