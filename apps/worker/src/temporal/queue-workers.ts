import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { BILLING_TASK_QUEUE, MESSAGING_TASK_QUEUE, QUEUE_ACTIVITIES, type TaskQueue } from '@lunas/contracts';

/** What the workflow-hosting queues' workers run besides activities: the workflow code and its cache. */
export type WorkflowHosting = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions' | 'maxCachedWorkflows' | 'workflowThreadPoolSize'>;

export interface QueueWorkersOptions {
  connection: NativeConnection;
  namespace?: string;
  /** The task queues to poll (`LUNAS_WORKER_QUEUES`). */
  queues: readonly TaskQueue[];
  /** Every billing activity implementation; each queue's worker registers those scheduled on it. */
  activities: object;
  /** Activities only one queue's worker registers (the senders' send activities on `messaging`). */
  queueActivities?: Partial<Record<TaskQueue, object>>;
  workflows: WorkflowHosting;
  /** Extra options of every worker (interceptors, sinks). */
  common?: Pick<WorkerOptions, 'interceptors' | 'sinks'>;
}

/** Queues whose worker hosts workflows: the subscription workflows on billing, the senders' pacing workflows on messaging. */
const WORKFLOW_QUEUES: readonly TaskQueue[] = [BILLING_TASK_QUEUE, MESSAGING_TASK_QUEUE];

/**
 * One Temporal worker per task queue a process polls, run and shut down together. The billing worker hosts the
 * subscription workflows and registers every billing activity (runs recorded before the queue split schedule messages
 * and network actions on the billing queue); the messaging worker hosts the senders' pacing workflows with `notify`
 * and the send activities; the network worker registers only its own activities.
 */
export class QueueWorkers {
  private constructor(private readonly workers: Worker[]) {}

  static async create(options: QueueWorkersOptions): Promise<QueueWorkers> {
    const { connection, namespace, queues, activities, queueActivities, workflows, common } = options;
    const workers = await Promise.all(
      queues.map((taskQueue) =>
        Worker.create({
          connection,
          namespace,
          taskQueue,
          ...common,
          activities: { ...(taskQueue === BILLING_TASK_QUEUE ? activities : pick(activities, QUEUE_ACTIVITIES[taskQueue])), ...queueActivities?.[taskQueue] },
          ...(WORKFLOW_QUEUES.includes(taskQueue) ? workflows : {}),
        }),
      ),
    );
    return new QueueWorkers(workers);
  }

  /** Runs every worker; resolves when all have stopped, rejects (after stopping the others) when one fails. */
  async run(): Promise<void> {
    const runs = this.workers.map((worker) => worker.run());
    try {
      await Promise.all(runs);
    } catch (error) {
      this.shutdown();
      await Promise.allSettled(runs);
      throw error;
    }
  }

  /** Starts the graceful shutdown of every running worker (in-flight activities finish). */
  shutdown(): void {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
}

function pick(activities: object, names: readonly string[]): object {
  return Object.fromEntries(Object.entries(activities).filter(([name]) => names.includes(name)));
}
