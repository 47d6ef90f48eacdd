/**
 * Task queues with long polling. A poller offers an `accept` callback; a pushed item is handed to waiting
 * pollers in FIFO order until one accepts it (an item whose task went stale is refused and dropped), else
 * it is queued for the next poll. Accepting is synchronous, so "dequeue and mark started" is atomic.
 */
export type Accept<T> = (item: T) => boolean;

interface Waiter<T> {
  accept: Accept<T>;
  done: boolean;
}

class Queue<T> {
  readonly items: T[] = [];
  readonly waiters: Waiter<T>[] = [];
}

export interface PollHandle {
  /** Stops waiting (poll timed out or the caller went away). */
  cancel(): void;
}

export class TaskQueues<T> {
  private readonly queues = new Map<string, Queue<T>>();

  push(namespace: string, name: string, item: T): void {
    const queue = this.queue(namespace, name);
    while (queue.waiters.length > 0) {
      const waiter = queue.waiters.shift() as Waiter<T>;
      if (waiter.done) continue;
      if (waiter.accept(item)) {
        waiter.done = true;
        return;
      }
      queue.waiters.unshift(waiter);
      return;
    }
    queue.items.push(item);
  }

  /**
   * Takes the first acceptable queued item, or waits for one. Returns a handle to stop waiting; `accept`
   * is never called after `cancel()`. Returns undefined when an item was accepted immediately.
   */
  poll(namespace: string, name: string, accept: Accept<T>): PollHandle | undefined {
    const queue = this.queue(namespace, name);
    while (queue.items.length > 0) {
      const item = queue.items.shift() as T;
      if (accept(item)) return undefined;
    }
    const waiter: Waiter<T> = { accept, done: false };
    queue.waiters.push(waiter);
    return {
      cancel: () => {
        waiter.done = true;
        const index = queue.waiters.indexOf(waiter);
        if (index >= 0) queue.waiters.splice(index, 1);
      },
    };
  }

  /** Number of queued (not yet polled) items, stale ones included. */
  backlog(namespace: string, name: string): number {
    return this.queues.get(`${namespace}\u0000${name}`)?.items.length ?? 0;
  }

  private queue(namespace: string, name: string): Queue<T> {
    const key = `${namespace}\u0000${name}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Queue<T>();
      this.queues.set(key, queue);
    }
    return queue;
  }
}
