import { HttpException, HttpStatus } from '@nestjs/common';

/** A refusal the caller may retry after `retryAfterSeconds` (sent as `Retry-After`): 429 by default, 423 for a locked account. */
export class RetryLaterException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    status: HttpStatus.TOO_MANY_REQUESTS | HttpStatus.LOCKED = HttpStatus.TOO_MANY_REQUESTS,
  ) {
    super({ statusCode: status, message }, status);
  }
}

/** Seconds from `now` until `until`, at least 1 (a `Retry-After` value). */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
