/**
 * HTTP answers for handler failures: the gRPC status maps to the HTTP status grpc-gateway uses, and the
 * body is `{ "code", "message" }` (the UI shows `message`).
 */
import { status as GrpcCode } from '@grpc/grpc-js';
import { ServiceError } from '../errors';

/** grpc-gateway's `HTTPStatusFromCode`. */
const HTTP_STATUS: Record<number, number> = {
  [GrpcCode.OK]: 200,
  [GrpcCode.CANCELLED]: 499,
  [GrpcCode.UNKNOWN]: 500,
  [GrpcCode.INVALID_ARGUMENT]: 400,
  [GrpcCode.DEADLINE_EXCEEDED]: 504,
  [GrpcCode.NOT_FOUND]: 404,
  [GrpcCode.ALREADY_EXISTS]: 409,
  [GrpcCode.PERMISSION_DENIED]: 403,
  [GrpcCode.RESOURCE_EXHAUSTED]: 429,
  [GrpcCode.FAILED_PRECONDITION]: 400,
  [GrpcCode.ABORTED]: 409,
  [GrpcCode.OUT_OF_RANGE]: 400,
  [GrpcCode.UNIMPLEMENTED]: 501,
  [GrpcCode.INTERNAL]: 500,
  [GrpcCode.UNAVAILABLE]: 503,
  [GrpcCode.DATA_LOSS]: 500,
  [GrpcCode.UNAUTHENTICATED]: 401,
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number = GrpcCode.UNKNOWN,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new HttpError(400, message, GrpcCode.INVALID_ARGUMENT);
export const notFound = (message: string) => new HttpError(404, message, GrpcCode.NOT_FOUND);

/** The HTTP error for a handler failure; undefined for an unexpected error (answered 500 and logged). */
export function httpErrorOf(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof ServiceError) return new HttpError(HTTP_STATUS[error.code] ?? 500, error.message, error.code);
  return undefined;
}
