import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendProblem } from './send-problem';

/**
 * The global exception filter: every error of every route, including unknown routes, validation failures, rate
 * limits, PostgreSQL or Temporal unreachable (503 with `Retry-After`) and unexpected faults (500, logged), is answered
 * with one shape, RFC 9457 problem details.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), exception, this.log);
  }
}
