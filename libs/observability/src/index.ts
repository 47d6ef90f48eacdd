export { lunasMetrics, metricsRegistry } from './metrics';
export { serveMetrics } from './metrics-server';
export { activeTracing, contextOfTraceParent, currentTraceParent, inSpanAfter, lunasTracer, spansAfter, startTracing, tracedPort, traceLogFields, tracesExportersOf, type Tracing } from './tracing';
