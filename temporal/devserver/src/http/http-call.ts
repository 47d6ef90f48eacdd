/**
 * The `ServerUnaryCall` a handler receives when it is called over HTTP: handlers use it only to learn that
 * the caller went away (`cancelled`) and for the caller's deadline, which HTTP requests do not carry.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Metadata, type ServerUnaryCall } from '@grpc/grpc-js';

class HttpUnaryCall extends EventEmitter {
  cancelled = false;
  readonly metadata: Metadata;

  constructor(req: IncomingMessage) {
    super();
    this.metadata = new Metadata();
    const callerType = req.headers['caller-type'];
    if (typeof callerType === 'string') this.metadata.set('caller-type', callerType);
  }

  getDeadline(): number {
    return Infinity;
  }

  getPeer(): string {
    return 'http';
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emit('cancelled', 'Cancelled');
  }
}

/** A call that is cancelled when the HTTP client disconnects before the answer is sent. */
export function httpCall(req: IncomingMessage, res: ServerResponse): ServerUnaryCall<unknown, unknown> {
  const call = new HttpUnaryCall(req);
  res.once('close', () => {
    if (!res.writableFinished) call.cancel();
  });
  return call as unknown as ServerUnaryCall<unknown, unknown>;
}
