import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendProblem } from './send-problem';

/**
 * For pages a customer opens from a link (invoice page, sandbox pay page): an error is answered with a page in
 * Indonesian and the status of the problem (404 unknown link, 410 link no longer valid, …), never with JSON.
 */
@Catch()
export class HtmlProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), exception, this.log, 'html');
  }
}
