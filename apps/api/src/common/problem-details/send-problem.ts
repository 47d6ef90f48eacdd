import type { ServerResponse } from 'node:http';
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
  const answer = loggedProblemOf(request.method, pathOf(request), exception, log);
  if (format === 'json') {
    writeProblemJson(response, answer);
    return answer;
  }
  if (response.headersSent) return answer;
  if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
  response.status(answer.problem.status).setHeader('Cache-Control', 'no-store').type('html').send(renderProblemPage(answer.problem));
  return answer;
}

/** The problem `exception` is answered with at `path`; a fault of ours is logged with its stack. */
export function loggedProblemOf(method: string | undefined, path: string, exception: unknown, log: Logger): ProblemAnswer {
  const answer = problemOf(exception, path);
  if (answer.unexpected) log.error(`${method} ${answer.problem.instance} failed: ${describe(exception)}`);
  return answer;
}

/** Writes `answer` as `application/problem+json` (with `Retry-After` where the caller may retry) on a plain Node response. */
export function writeProblemJson(response: ServerResponse, answer: ProblemAnswer): void {
  if (response.headersSent) return;
  const body = JSON.stringify(answer.problem);
  if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
  response.writeHead(answer.problem.status, { 'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, 'Content-Length': Buffer.byteLength(body) }).end(body);
}

/** The request path without its query string (RFC 9457 `instance`). */
function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url).split('?')[0] ?? '/';
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
