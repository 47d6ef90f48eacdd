/**
 * The Temporal worker (sdk-core) gzip-compresses every request. grpc-js inflates each message through a
 * zlib stream, which costs ~3.5× a one-shot `gunzipSync` for the small messages Temporal sends and was the
 * server's top CPU cost. This swaps in one-shot inflation (same limits, same error statuses) for
 * messages up to 1 MiB; larger ones keep the streaming path so they do not block the event loop.
 * Tied to @grpc/grpc-js 1.14 internals: if they change shape, the patch is skipped.
 */
import { status } from '@grpc/grpc-js';
import * as zlib from 'node:zlib';

/** One-shot inflation only below this size (compressed bytes): bigger messages stay asynchronous. */
const SYNC_LIMIT_BYTES = 1024 * 1024;

interface InterceptingCallPrototype {
  decompressMessage(this: { maxReceiveMessageSize: number }, message: Buffer, encoding: string): Buffer | Promise<Buffer>;
}

let patched = false;

export function installFastDecompression(): void {
  if (patched) return;
  patched = true;
  let proto: InterceptingCallPrototype | undefined;
  try {
    proto = require('@grpc/grpc-js/build/src/server-interceptors').BaseServerInterceptingCall?.prototype;
  } catch {
    return;
  }
  if (!proto || typeof proto.decompressMessage !== 'function') return;
  const original = proto.decompressMessage;
  proto.decompressMessage = function (message, encoding) {
    if ((encoding !== 'gzip' && encoding !== 'deflate') || message.length > SYNC_LIMIT_BYTES) {
      return original.call(this, message, encoding);
    }
    const limit = this.maxReceiveMessageSize === -1 ? undefined : this.maxReceiveMessageSize;
    try {
      const contents = message.subarray(5);
      return encoding === 'gzip' ? zlib.gunzipSync(contents, { maxOutputLength: limit }) : zlib.inflateSync(contents, { maxOutputLength: limit });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return Promise.reject(
        tooLarge
          ? { code: status.RESOURCE_EXHAUSTED, details: `Received message that decompresses to a size larger than ${limit}` }
          : { code: status.INTERNAL, details: 'Failed to decompress message' },
      );
    }
  };
}
