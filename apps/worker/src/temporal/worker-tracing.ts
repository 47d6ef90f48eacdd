import type { WorkerOptions } from '@temporalio/worker';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { Tracing } from '@lunas/observability';

/**
 * Worker options of a traced worker (`OTEL_*` set): each activity runs in a span continuing the trace its workflow
 * passed in the activity's headers (and its SDK log lines carry `trace_id`/`span_id`); the workflow sandbox's spans
 * (bundled with `tracedWorkflowBundlerOptions`) come out through the `exporter` sink to this process's exporter.
 */
export function tracedWorkerOptions(tracing: Tracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
