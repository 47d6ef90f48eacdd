export { lunasMetrics, metricsRegistry } from './metrics';
export { serveMetrics } from './metrics-server';
