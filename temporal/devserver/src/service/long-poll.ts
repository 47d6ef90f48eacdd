import type { ServerUnaryCall } from '@grpc/grpc-js';
import { TaskQueues } from '../tasks/task-queues';

/** Answer long polls this long before the caller's gRPC deadline, so an empty answer arrives in time. */
const DEADLINE_MARGIN_MS = 1000;

/** How long a long poll may wait: the server's limit, shortened by the caller's deadline if any. */
export function pollWindow(call: ServerUnaryCall<unknown, unknown>, limitMs: number): number {
  const deadline = call.getDeadline();
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : typeof deadline === 'number' ? deadline : Infinity;
  return Math.max(0, Math.min(limitMs, deadlineMs - Date.now() - DEADLINE_MARGIN_MS));
}

/**
 * Waits up to `timeoutMs` for a task on the queue that `start` accepts (returns a response for), or
 * for the caller to go away. Resolves undefined on timeout or cancellation.
 */
export function pollTask<T, R>(
  queues: TaskQueues<T>,
  namespace: string,
  queue: string,
  start: (item: T) => R | undefined,
  timeoutMs: number,
  call: ServerUnaryCall<unknown, unknown>,
): Promise<R | undefined> {
  return new Promise((resolve) => {
    const state: { done: boolean; timer?: NodeJS.Timeout } = { done: false };
    function finish(result: R | undefined): void {
      state.done = true;
      if (state.timer) clearTimeout(state.timer);
      call.removeListener('cancelled', onCancel);
      resolve(result);
    }
    function onCancel(): void {
      handle?.cancel();
      finish(undefined);
    }
    const handle = queues.poll(namespace, queue, (item) => {
      if (state.done) return false;
      const result = start(item);
      if (result === undefined) return false;
      finish(result);
      return true;
    });
    if (state.done) return;
    if (call.cancelled) return onCancel();
    state.timer = setTimeout(onCancel, timeoutMs);
    call.on('cancelled', onCancel);
  });
}

/** Waits until `ready()` holds (re-checked on each `subscribe` notification), a timeout or cancellation. */
export function waitUntil(
  ready: () => boolean,
  subscribe: (listener: () => void) => () => void,
  timeoutMs: number,
  call: ServerUnaryCall<unknown, unknown>,
): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      call.removeListener('cancelled', finish);
      resolve();
    };
    const unsubscribe = subscribe(() => {
      if (ready()) finish();
    });
    const timer = setTimeout(finish, timeoutMs);
    call.on('cancelled', finish);
  });
}
