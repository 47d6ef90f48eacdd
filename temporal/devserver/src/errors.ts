/**
 * gRPC errors answered by the dev server. A `ServiceError` carries a status code and, optionally,
 * `google.rpc.Status` details (serialized into `grpc-status-details-bin` like the real server does).
 */
import { status } from '@grpc/grpc-js';
import { encode, google, temporal } from './proto';

export { status as GrpcCode };

export interface ErrorDetail {
  /** Fully qualified protobuf type name, e.g. `temporal.api.errordetails.v1.NotFoundFailure`. */
  typeName: string;
  value: Uint8Array;
}

export class ServiceError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  /** `google.rpc.Status` bytes for the `grpc-status-details-bin` trailer. */
  statusDetailsBin(): Buffer {
    return encode(google.rpc.Status, {
      code: this.code,
      message: this.message,
      details: this.details.map((d) => ({ type_url: `type.googleapis.com/${d.typeName}`, value: d.value })),
    });
  }
}

export function invalidArgument(message: string): ServiceError {
  return new ServiceError(status.INVALID_ARGUMENT, message);
}

export function notFound(message: string): ServiceError {
  return new ServiceError(status.NOT_FOUND, message, [
    { typeName: 'temporal.api.errordetails.v1.NotFoundFailure', value: encode(temporal.api.errordetails.v1.NotFoundFailure, {}) },
  ]);
}

/** NOT_FOUND with `NamespaceNotFoundFailure`, as the real server answers for an unknown namespace. */
export function namespaceNotFound(namespace: string): ServiceError {
  return new ServiceError(status.NOT_FOUND, `Namespace ${namespace} is not found.`, [
    {
      typeName: 'temporal.api.errordetails.v1.NamespaceNotFoundFailure',
      value: encode(temporal.api.errordetails.v1.NamespaceNotFoundFailure, { namespace }),
    },
  ]);
}

export function workflowNotFound(workflowId: string, runId?: string | null): ServiceError {
  return notFound(`workflow execution not found for workflow ID "${workflowId}" and run ID "${runId ?? ''}"`);
}

export function taskNotFound(what: string): ServiceError {
  return notFound(`${what} not found`);
}

export function alreadyStarted(workflowId: string, runId: string, startRequestId: string): ServiceError {
  return new ServiceError(status.ALREADY_EXISTS, `Workflow execution is already running. WorkflowId: ${workflowId}, RunId: ${runId}.`, [
    {
      typeName: 'temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
      value: encode(temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure, { startRequestId, runId }),
    },
  ]);
}

/** FAILED_PRECONDITION with `WorkflowNotReadyFailure`: the workflow cannot take the request in its present state. */
export function workflowNotReady(message: string): ServiceError {
  return new ServiceError(status.FAILED_PRECONDITION, message, [
    { typeName: 'temporal.api.errordetails.v1.WorkflowNotReadyFailure', value: encode(temporal.api.errordetails.v1.WorkflowNotReadyFailure, {}) },
  ]);
}

/** RESOURCE_EXHAUSTED with `ResourceExhaustedFailure` (cause and scope), as the real server limits answer. */
export function resourceExhausted(message: string, cause: number, scope: number): ServiceError {
  return new ServiceError(status.RESOURCE_EXHAUSTED, message, [
    {
      typeName: 'temporal.api.errordetails.v1.ResourceExhaustedFailure',
      value: encode(temporal.api.errordetails.v1.ResourceExhaustedFailure, { cause, scope }),
    },
  ]);
}

export function unimplemented(method: string): ServiceError {
  return new ServiceError(status.UNIMPLEMENTED, `method ${method} is not implemented by the Lunas dev server`);
}
