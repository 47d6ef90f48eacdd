import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is taken when it is 8–128 letters, digits or `._:-` (a UUID, a proxy's id); anything else is replaced. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id, answered as `X-Request-Id` and logged with each of its log lines (pino-http takes
 * `req.id`): the caller's own `X-Request-Id` when well-formed (so a proxy's or a gateway's id follows the request), a
 * new UUID otherwise. The webhook route, served ahead of Express, assigns it with {@link assignRequestId}.
 */
export function mountRequestId(app: NestExpressApplication): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    assignRequestId(request, response);
    next();
  });
}

/** Sets `request.id` and answers it as `X-Request-Id` (see {@link mountRequestId}); returns it. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const offered = request.headers['x-request-id'];
  const id = typeof offered === 'string' && WELL_FORMED.test(offered) ? offered : randomUUID();
  (request as IncomingMessage & { id: string }).id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
