/**
 * Pollers per task queue, for DescribeTaskQueue (the UI's workers tab and its "has workers" checks):
 * the poll handlers are wrapped to record who polled which queue and when.
 */
import type { UnaryHandler } from '../grpc/bind-service';
import type { Clock } from '../clock/clock';
import { enums, tsFromMs, wfs } from '../proto';

/** Pollers not seen for 5 minutes are dropped, like the real server's poller history TTL. */
export const POLLER_TTL_MS = 5 * 60_000;
/** Rate limit reported per poller: the server default when the worker sets none (100 000 tasks/s). */
const DEFAULT_RATE_PER_SECOND = 100_000;

const WORKFLOW = enums.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW;
const ACTIVITY = enums.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY;

interface PollRequest {
  namespace?: string | null;
  taskQueue?: { name?: string | null } | null;
  identity?: string | null;
}

export class PollerRegistry {
  private readonly lastSeen = new Map<string, Map<string, number>>();

  constructor(private readonly clock: Clock) {}

  /** `handlers` with PollWorkflowTaskQueue / PollActivityTaskQueue recording their caller. */
  track(handlers: Record<string, UnaryHandler>): Record<string, UnaryHandler> {
    const tracked = { ...handlers };
    const wrap = (method: string, type: number) => {
      const poll = handlers[method];
      if (!poll) return;
      tracked[method] = (req: never, call) => {
        this.record(req as PollRequest, type);
        return poll(req, call);
      };
    };
    wrap('PollWorkflowTaskQueue', WORKFLOW);
    wrap('PollActivityTaskQueue', ACTIVITY);
    return tracked;
  }

  /** DescribeTaskQueue: the queue's recent pollers of the requested type (workflow when unspecified). */
  describe(req: wfs.IDescribeTaskQueueRequest): wfs.IDescribeTaskQueueResponse {
    const type = req.taskQueueType || WORKFLOW;
    const pollers = this.lastSeen.get(key(req.namespace, req.taskQueue?.name, type));
    const cutoff = this.clock.now() - POLLER_TTL_MS;
    const recent = [...(pollers ?? [])].filter(([, at]) => at >= cutoff);
    return {
      pollers: recent.map(([identity, at]) => ({ identity, lastAccessTime: tsFromMs(at), ratePerSecond: DEFAULT_RATE_PER_SECOND })),
    };
  }

  private record(req: PollRequest, type: number): void {
    const queue = key(req.namespace, req.taskQueue?.name, type);
    let pollers = this.lastSeen.get(queue);
    if (!pollers) this.lastSeen.set(queue, (pollers = new Map()));
    pollers.set(req.identity ?? '', this.clock.now());
  }
}

const key = (namespace: string | null | undefined, queue: string | null | undefined, type: number) =>
  `${namespace ?? ''}\u0000${queue ?? ''}\u0000${type}`;
