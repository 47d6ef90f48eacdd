import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is taken when it is 8–128 letters, digits or `._:-` (a UUID, a proxy's id); anything else is replaced. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id, answered as `X-Request-Id` and logged with each of its log lines (pino-http takes
 * `req.id`): the caller's own `X-Request-Id` when well-formed (so a proxy's or a gateway's id follows the request), a
 * new UUID otherwise. Mounted first, so that the webhook route (ahead of Nest's pipeline) has it too.
 */
export function mountRequestId(app: NestExpressApplication): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    const offered = request.headers['x-request-id'];
    const id = typeof offered === 'string' && WELL_FORMED.test(offered) ? offered : randomUUID();
    (request as Request & { id: string }).id = id;
    response.setHeader(REQUEST_ID_HEADER, id);
    next();
  });
}
