/**
 * Workflow interceptors of a traced worker (bundled only when `OTEL_*` turns traces on; see
 * apps/worker/src/temporal/workflow-bundle.ts): a span per workflow run, signal, update and query handled, and per
 * activity scheduled, continuing the caller's trace from the Temporal headers and passing it on to the activities.
 * The spans leave the workflow sandbox through the SDK's `exporter` sink. Not part of the workflows barrel.
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
