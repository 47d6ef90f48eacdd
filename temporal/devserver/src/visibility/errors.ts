/**
 * Errors raised by the visibility layer. Each carries the gRPC status code the dev server must answer
 * with, and a message worded like the real Temporal server's (tests compare them literally).
 */

/** gRPC status codes used by the visibility layer (values from grpc/status.proto). */
export const GrpcStatus = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
} as const;
export type GrpcStatus = (typeof GrpcStatus)[keyof typeof GrpcStatus];

export class VisibilityError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'VisibilityError';
  }
}

/** Where in the caller's query string a syntax error was found (0-based offset, offending token). */
export interface QueryErrorLocation {
  offset: number;
  token: string | undefined;
}

/**
 * A query that does not parse or does not type-check. The message is the server's
 * `invalid query: <detail>`; `detail` and `location` are kept apart for callers that want them.
 */
export class InvalidQueryError extends VisibilityError {
  constructor(
    readonly detail: string,
    readonly location?: QueryErrorLocation,
  ) {
    super(GrpcStatus.INVALID_ARGUMENT, `invalid query: ${detail}`);
    this.name = 'InvalidQueryError';
  }
}

/** Prefixes the real server puts in front of query converter errors. */
export const QueryErrorKind = {
  malformed: 'malformed SQL query',
  notSupported: 'operation is not supported',
  invalidExpression: 'invalid expression',
} as const;
