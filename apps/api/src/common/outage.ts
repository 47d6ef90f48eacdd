import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';

/** Seconds a client is asked to wait (`Retry-After`) when a system the API depends on is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 10;

export const DATABASE_DOWN = 'Basis data sedang tidak terjangkau. Coba lagi sebentar lagi.';
export const TEMPORAL_DOWN = 'Layanan penagihan (Temporal) sedang tidak terjangkau. Coba lagi sebentar lagi.';

/** Socket-level failures of a connection (node-postgres, gRPC over TCP). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is going away or not accepting connections: class 08 plus 57P01–57P03. */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123])$/;
/** node-postgres's own messages when its connection dies or the pool cannot connect. */
const POSTGRES_CONNECTION_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed/i;
/** gRPC UNAVAILABLE (14), DEADLINE_EXCEEDED (4), CANCELLED (1: the API's own call deadline). */
const GRPC_UNAVAILABLE = new Set([14, 4, 1]);
const GRPC_CONNECTION_MESSAGE = /UNAVAILABLE|Failed to connect/i;

/** Which dependency an error says is unreachable: PostgreSQL, Temporal, or neither (a real fault or a refusal). */
export function unreachableDependency(error: unknown): 'database' | 'temporal' | undefined {
  const temporal = error instanceof ServiceError;
  for (const link of causeChain(error)) {
    const { code, message } = link as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'number' && GRPC_UNAVAILABLE.has(code)) return 'temporal';
    if (temporal && GRPC_CONNECTION_MESSAGE.test(text)) return 'temporal';
    if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || POSTGRES_UNAVAILABLE.test(code))) return temporal ? 'temporal' : 'database';
    if (POSTGRES_CONNECTION_MESSAGE.test(text)) return 'database';
  }
  return undefined;
}

/** The 503 an unreachable dependency is answered with, or undefined when `error` is not an outage. */
export function outageException(error: unknown): ServiceUnavailableException | undefined {
  const dependency = unreachableDependency(error);
  return dependency && dependencyUnavailable(dependency);
}

/** The 503 answer while `dependency` is unreachable. */
export function dependencyUnavailable(dependency: 'database' | 'temporal'): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    message: dependency === 'database' ? DATABASE_DOWN : TEMPORAL_DOWN,
    error: 'Service Unavailable',
  });
}

/** The error, its `cause`s and TypeORM's `driverError`s, outermost first (at most 8 deep). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let link = error; link && typeof link === 'object' && chain.length < 8 && !chain.includes(link); ) {
    chain.push(link);
    const { cause, driverError } = link as { cause?: unknown; driverError?: unknown };
    if (driverError && typeof driverError === 'object') chain.push(driverError);
    link = cause;
  }
  return chain;
}
