import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The exporters `OTEL_TRACES_EXPORTER` may name here (the SDK's names). */
const EXPORTERS: Record<string, () => SpanExporter> = {
  otlp: () => new OTLPTraceExporter(),
  console: () => new ConsoleSpanExporter(),
};

/** Traces of this process, once {@link startTracing} found them configured. */
export interface Tracing {
  /** Where finished spans go (the worker hands workflow spans to it through the SDK's sink). */
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/**
 * The exporter names the standard variables ask for, none when traces are off: `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none` turn them off; `OTEL_TRACES_EXPORTER` (`otlp`, `console`, comma-separated) turns them
 * on; unset, an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) means `otlp`.
 * Throws on an exporter name this build does not have.
 */
export function tracesExportersOf(env: NodeJS.ProcessEnv): string[] {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return [];
  const named = (env['OTEL_TRACES_EXPORTER'] ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (named.includes('none')) return [];
  const unknown = named.filter((name) => !(name in EXPORTERS));
  if (unknown.length > 0) throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter ${unknown.join(', ')} (use ${Object.keys(EXPORTERS).join(', ')} or none)`);
  if (named.length > 0) return [...new Set(named)];
  return env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ? ['otlp'] : [];
}

/**
 * Starts OpenTelemetry tracing for this process when the standard `OTEL_*` variables ask for it (see
 * {@link tracesExportersOf}); otherwise does nothing, and every span the code opens is the API's no-op span.
 * Exporter, endpoint, headers, sampler (`OTEL_TRACES_SAMPLER`), batching (`OTEL_BSP_*`), service name
 * (`OTEL_SERVICE_NAME`, default `serviceName`) and resource attributes (`OTEL_RESOURCE_ATTRIBUTES`) are read by the
 * SDK from the same variables. Spans propagate as W3C `traceparent`. Once per process; later calls return the first.
 */
export function startTracing(serviceName: string): Tracing | undefined {
  if (active) return active;
  const exporters = tracesExportersOf(process.env);
  if (exporters.length === 0) return undefined;
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': serviceName }))
    .merge(detectResourcesSync({ detectors: [envDetectorSync] }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: exporters.map((name) => new BatchSpanProcessor(EXPORTERS[name]())) });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const tracing: Tracing = {
    spanProcessor: provider.getActiveSpanProcessor(),
    resource,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/** The tracing {@link startTracing} started, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/** The tracer of Lunas's own spans (a no-op tracer while tracing is off). */
export function lunasTracer() {
  return trace.getTracer('lunas');
}

/** The active span's W3C `traceparent`, to store with work that another process or a later task picks up; null without one. */
export function currentTraceParent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'] ?? null;
}

/** The context a stored `traceparent` continues (the root context for none). */
export function contextOfTraceParent(traceParent: string | null | undefined): Context {
  return traceParent ? propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }) : ROOT_CONTEXT;
}

/**
 * Runs `work` in a new span that continues the stored `traceParent` (work picked up later from a table: an inbox
 * event's booking, its outbox signal), and ends it with the outcome.
 */
export function inSpanAfter<T>(name: string, traceParent: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return lunasTracer().startActiveSpan(name, { attributes }, contextOfTraceParent(traceParent), (span) => endedAfter(span, work));
}

/**
 * With traces on, `port` with each method call in a client span `<system> <method>` (a call to an outside system:
 * WhatsApp or SMTP behind the notification port, RADIUS behind the network port); with traces off, `port` itself.
 */
export function tracedPort<T extends object>(system: string, port: T): T {
  if (!active) return port;
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) =>
        lunasTracer().startActiveSpan(`${system} ${key}`, { kind: SpanKind.CLIENT, attributes: { 'lunas.outbound.system': system } }, (span) =>
          endedAfter(span, async () => value.apply(target, args)),
        );
    },
  });
}

/** Runs `work` and ends `span` with its outcome. */
async function endedAfter<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    endWithError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Opens one span per stored `traceParent` for work done on many rows at once (a booking batch), each in its own
 * row's trace; `end` closes them all, with the error if the work failed.
 */
export function spansAfter(name: string, traceParents: ReadonlyArray<string | null>, attributes: Attributes = {}): { end(error?: unknown): void } {
  const tracer = lunasTracer();
  const spans = traceParents.flatMap((parent) => (parent ? [tracer.startSpan(name, { attributes }, contextOfTraceParent(parent))] : []));
  return {
    end: (error?: unknown) => {
      for (const span of spans) {
        if (error !== undefined) endWithError(span, error);
        span.end();
      }
    },
  };
}

function endWithError(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** `trace_id` and `span_id` of the active span, as fields of every log line written inside it (pino `mixin`). */
export function traceLogFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
