import type { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderProblemPage } from './problem-page';
import { PROBLEM_CONTENT_TYPE, problemOf, type ProblemAnswer } from './problem';

/**
 * Answers a failed request with RFC 9457 problem details (`application/problem+json`), `Retry-After` where the caller
 * may retry (429, 423, 503), and logs faults of ours with their stack (the answer never carries internals). `html`
 * renders the problem as a page in Indonesian instead, for pages a customer opens from a link.
 */
export function sendProblem(request: Request, response: Response, exception: unknown, log: Logger, format: 'json' | 'html' = 'json'): ProblemAnswer {
  const answer = problemOf(exception, pathOf(request));
  if (answer.unexpected) log.error(`${request.method} ${answer.problem.instance} failed: ${describe(exception)}`);
  if (response.headersSent) return answer;
  if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
  response.status(answer.problem.status);
  if (format === 'html') response.setHeader('Cache-Control', 'no-store').type('html').send(renderProblemPage(answer.problem));
  else response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(answer.problem));
  return answer;
}

/** The request path without its query string (RFC 9457 `instance`). */
function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url).split('?')[0] ?? '/';
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
