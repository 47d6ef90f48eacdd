/**
 * Serves a protobufjs service definition on a grpc-js server. Every method of the service is registered:
 * methods without a handler answer UNIMPLEMENTED naming the method, undecodable requests answer
 * INVALID_ARGUMENT, and a handler failure never escapes (unknown errors become INTERNAL).
 */
import * as grpc from '@grpc/grpc-js';
import type { Method, Root, Type } from 'protobufjs';
import { invalidArgument, ServiceError, unimplemented } from '../errors';
import { Logger } from '../logger';

/** A unary handler: request message in, plain response object out (encoded with the response type). */
export type UnaryHandler = (request: never, call: grpc.ServerUnaryCall<unknown, unknown>) => Promise<object> | object;

const DECODE_ERROR = Symbol('decodeError');
interface DecodeFailure {
  [DECODE_ERROR]: string;
}

export function bindService(
  server: grpc.Server,
  root: Root,
  serviceName: string,
  handlers: Record<string, UnaryHandler>,
  log: Logger,
): void {
  const service = root.lookupService(serviceName);
  service.resolveAll();
  const definition: Record<string, grpc.MethodDefinition<unknown, object>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of service.methodsArray) {
    const requestType = method.resolvedRequestType as Type;
    const responseType = method.resolvedResponseType as Type;
    definition[method.name] = {
      path: `/${serviceName}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: unknown) => Buffer.from(requestType.encode(value as object).finish()),
      requestDeserialize: (bytes: Buffer): unknown => {
        try {
          // Decode from an exact-size copy: payloads kept in history are views into the decoded buffer, and
          // grpc-js may hand us a slice of a much larger socket chunk that they would otherwise pin.
          return requestType.decode(new Uint8Array(bytes));
        } catch (error) {
          return { [DECODE_ERROR]: (error as Error).message } satisfies DecodeFailure;
        }
      },
      responseSerialize: (value: object) => Buffer.from(responseType.encode(value).finish()),
      responseDeserialize: (bytes: Buffer) => responseType.decode(bytes),
    };
    implementation[method.name] = unaryCall(method, handlers[method.name], log);
  }
  server.addService(definition as grpc.ServiceDefinition, implementation);
}

function unaryCall(method: Method, handler: UnaryHandler | undefined, log: Logger): grpc.handleUnaryCall<unknown, object> {
  const name = method.name;
  return (call, callback) => {
    const request = call.request as Partial<DecodeFailure>;
    const run = async (): Promise<object> => {
      if (request && typeof request === 'object' && DECODE_ERROR in request) {
        throw invalidArgument(`malformed ${name} request: ${request[DECODE_ERROR]}`);
      }
      if (!handler) throw unimplemented(name);
      return handler(call.request as never, call);
    };
    run().then(
      (response) => callback(null, response),
      (error: unknown) => callback(toStatus(error, name, log)),
    );
  };
}

function toStatus(error: unknown, method: string, log: Logger): Partial<grpc.StatusObject> {
  if (error instanceof ServiceError) {
    const metadata = new grpc.Metadata();
    metadata.set('grpc-status-details-bin', error.statusDetailsBin());
    return { code: error.code, details: error.message, metadata };
  }
  log.error(`${method} failed`, error);
  return { code: grpc.status.INTERNAL, details: `${method}: ${(error as Error)?.message ?? String(error)}` };
}
