import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus registry of one Lunas process (API or worker), with Node's process metrics. Each process exposes the
 * same metric names; a counter moves in the process where its code runs (see {@link lunasMetrics}).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'lunas_' });

/**
 * Latency buckets in seconds: 5 ms (a webhook's one INSERT) to 10 s (a slow report), doubling around the 100–500 ms
 * a console list takes on a busy day.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Lunas's own metrics. Labels are low-cardinality on purpose (route templates, gateway names, template and step names;
 * never ids), so that 30 mitra and 50 000 subscriptions add no series.
 */
export const lunasMetrics = {
  /** API: every HTTP answer, by method, route template (`/api/v1/invoices/:id`) and status. */
  httpDuration: new Histogram({
    name: 'lunas_http_request_duration_seconds',
    help: 'Time from request to answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metricsRegistry],
  }),
  /** API: gateway notifications taken in, by gateway and outcome (`stored`, `duplicate`, `rejected`). */
  webhookEvents: new Counter({
    name: 'lunas_webhook_events_total',
    help: 'Payment events received on /webhooks/:gateway, by gateway and outcome',
    labelNames: ['gateway', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  /** API: how long a booked payment's signal waited in the outbox before the workflow had it. */
  relayLag: new Histogram({
    name: 'lunas_webhook_relay_lag_seconds',
    help: 'Time from a payment signal being written to the outbox to its delivery to the workflow',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [metricsRegistry],
  }),
  /** API: webhook inbox rows not booked yet, read at each scrape. */
  inboxDepth: new Gauge({
    name: 'lunas_webhook_inbox_depth',
    help: 'Webhook inbox rows waiting to be booked (pending, not booked)',
    registers: [metricsRegistry],
  }),
  /** Worker: invoices written (an idempotent repeat is not counted). */
  invoicesIssued: new Counter({
    name: 'lunas_invoices_issued_total',
    help: 'Invoices issued',
    registers: [metricsRegistry],
  }),
  /** API (gateway and manual payments) and worker (payments signalled to a workflow): payments booked, by source. */
  paymentsBooked: new Counter({
    name: 'lunas_payments_booked_total',
    help: 'Payments booked on invoices, by source',
    labelNames: ['source'] as const,
    registers: [metricsRegistry],
  }),
  /** Worker: dunning ladder steps carried out, by step (reminder, late fee, warning, isolir). */
  dunningSteps: new Counter({
    name: 'lunas_dunning_steps_total',
    help: 'Dunning steps taken, by step',
    labelNames: ['step'] as const,
    registers: [metricsRegistry],
  }),
  /** Worker: customer messages by channel outcome (`queued`, `sent`, `failed`, `skipped`, `simulated`). */
  messages: new Counter({
    name: 'lunas_messages_total',
    help: 'Customer messages, by template and status',
    labelNames: ['template', 'status'] as const,
    registers: [metricsRegistry],
  }),
  /** Worker: RADIUS Change-of-Authorization / Disconnect requests by answer (`ack`, `nak`, `timeout`, `simulated`). */
  coa: new Counter({
    name: 'lunas_radius_coa_total',
    help: 'RADIUS CoA/Disconnect requests sent to NAS, by action and answer',
    labelNames: ['action', 'result'] as const,
    registers: [metricsRegistry],
  }),
};
