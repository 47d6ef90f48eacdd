import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { RetryLaterException } from './retry-later.exception';

/** Answers a {@link RetryLaterException} with its status, its body and a `Retry-After` header. */
@Catch(RetryLaterException)
export class RetryAfterFilter implements ExceptionFilter {
  catch(exception: RetryLaterException, host: ArgumentsHost): void {
    sendRetryLater(host.switchToHttp().getResponse<Response>(), exception);
  }
}

export function sendRetryLater(response: Response, exception: RetryLaterException): void {
  response.set('Retry-After', String(exception.retryAfterSeconds)).status(exception.getStatus()).json(exception.getResponse());
}
