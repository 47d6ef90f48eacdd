import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/**
 * Drains the HTTP server on shutdown (SIGTERM → `app.close()`): before Nest closes the server, idle keep-alive
 * connections are closed at once, requests in flight finish and their connections close after the answer
 * (`Connection: close`), as do requests that arrive meanwhile on a kept-alive connection. Without it, `server.close()`
 * waited for every connection that was busy when it began and then sat idle: up to the 65 s keep-alive timeout.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Express middleware, mounted first: answers during the drain close their connection. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    this.watch(response);
    next();
  };

  /** The drain's part in one answer (also for routes served ahead of Express). */
  watch(response: ServerResponse): void {
    if (this.draining) response.setHeader('Connection', 'close');
    else response.once('finish', () => this.draining && setImmediate(() => this.server()?.closeIdleConnections()));
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
    this.server()?.closeIdleConnections();
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}
