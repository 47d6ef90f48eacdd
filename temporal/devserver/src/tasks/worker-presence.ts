/**
 * Which task queues still have a worker. A queue has one from its first poll until every worker identity that polled
 * it has called ShutdownWorker, and again from the next poll. Time skipping does not wait for tasks on a queue whose
 * workers all shut down: in a test, an outage of the worker lets the clock run on while its tasks wait, as real time
 * would.
 */
export class WorkerPresence {
  private readonly pollers = new Map<string, Set<string>>();

  /** A worker polled `queue`. */
  polled(namespace: string, queue: string, identity: string): void {
    const key = queueKey(namespace, queue);
    const identities = this.pollers.get(key) ?? new Set<string>();
    identities.add(identity);
    this.pollers.set(key, identities);
  }

  /** The worker `identity` shut down: it polls none of the queues of `namespace` any more. */
  shutDown(namespace: string, identity: string): void {
    const prefix = queueKey(namespace, '');
    for (const [key, identities] of this.pollers) if (key.startsWith(prefix)) identities.delete(identity);
  }

  /** Whether `queue` had workers and all of them shut down (a queue never polled is not abandoned). */
  abandoned(namespace: string, queue: string): boolean {
    return this.pollers.get(queueKey(namespace, queue))?.size === 0;
  }
}

function queueKey(namespace: string, queue: string): string {
  return `${namespace}\u0000${queue}`;
}
