import { context, type Context } from '@opentelemetry/api';

/** Per queued command, the trace context it arrived in (a signal's or an update's span when traces are on). */
const origins = new WeakMap<object, Context>();

/**
 * Remembers the trace context a handler queued `command` in, so that the main loop carries it out in that trace: the
 * activities a payment causes belong to the payment's trace, not to the workflow run's. Without tracing interceptors
 * in the bundle the context is the empty root context and nothing changes (no command, no header, no await).
 */
export function rememberTraceOrigin(command: object): void {
  origins.set(command, context.active());
}

/** Runs `work` in the trace context `command` was queued in. */
export function inTraceOrigin<T>(command: object, work: () => Promise<T>): Promise<T> {
  const origin = origins.get(command);
  return origin ? context.with(origin, work) : work();
}
