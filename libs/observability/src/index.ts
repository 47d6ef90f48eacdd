export { lunasMetrics, metricsRegistry } from './metrics';
export { serveMetrics } from './metrics-server';
export { activeTracing, contextOfTraceParent, currentTraceParent, inSpanAfter, lunasTracer, spansAfter, startTracing, traceLogFields, tracesExportersOf, type Tracing } from './tracing';
