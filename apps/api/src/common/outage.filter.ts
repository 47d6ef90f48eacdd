import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { OUTAGE_RETRY_AFTER_SECONDS, outageException } from './outage';

/**
 * Global filter: an error saying PostgreSQL or Temporal is unreachable is answered 503 with an Indonesian
 * message and `Retry-After` instead of 500; every 503 carries `Retry-After`. Everything else is answered
 * by Nest's default filter.
 */
@Catch()
export class OutageExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const answer = exception instanceof HttpException ? exception : (outageException(exception) ?? exception);
    if (answer instanceof HttpException && answer.getStatus() === HttpStatus.SERVICE_UNAVAILABLE && host.getType() === 'http') {
      host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    }
    super.catch(answer, host);
  }
}
