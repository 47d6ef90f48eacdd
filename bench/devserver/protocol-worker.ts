/**
 * A minimal worker that speaks the WorkflowService protocol directly (no SDK): it runs `oneActivity`
 * workflows — schedule one `echo` activity with the workflow's input, then complete with its result.
 * The benchmark uses it to measure what the dev server itself sustains: the TypeScript SDK worker spends
 * ~6 ms of CPU per workflow (VM entries, a watchdog thread per entry, promise stack traces), which on two
 * shared cores bounds the end-to-end figure before the server does.
 *
 * Non-sticky: every workflow task carries the full (short) history, so the worker keeps no state.
 */
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import Long from 'long';

const { CommandType, EventType, TaskQueueKind } = temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads;

export interface ProtocolWorkerOptions {
  namespace: string;
  taskQueue: string;
  /** Concurrent long polls per task type (workflow tasks, activity tasks). */
  pollers: number;
}

/** The commands that move a `oneActivity` workflow on, given its history so far. */
export function nextCommands(events: readonly HistoryEvent[], taskQueue: string): temporal.api.command.v1.ICommand[] {
  const completed = events.find((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  if (completed) {
    return [{
      commandType: CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
      completeWorkflowExecutionCommandAttributes: { result: completed.activityTaskCompletedEventAttributes?.result },
    }];
  }
  if (events.some((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)) return [];
  const started = events.find((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
  return [{
    commandType: CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
    scheduleActivityTaskCommandAttributes: {
      activityId: '1',
      activityType: { name: 'echo' },
      taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      input: started?.workflowExecutionStartedEventAttributes?.input as Payloads | undefined,
      startToCloseTimeout: { seconds: Long.fromNumber(30) },
    },
  }];
}

/**
 * Connects and starts the pollers; the returned function stops them (closing the connection ends the
 * long polls in flight) and resolves once every poller has returned.
 */
export async function runProtocolWorker(address: string, options: ProtocolWorkerOptions): Promise<() => Promise<void>> {
  const connection = await Connection.connect({ address });
  const service = connection.workflowService;
  const { namespace } = options;
  const taskQueue = { name: options.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL };
  const identity = `protocol-worker@${process.pid}`;
  let running = true;

  const loop = (handle: () => Promise<void>) => async (): Promise<void> => {
    while (running) {
      try {
        await handle();
      } catch (error) {
        if (running) throw error;
      }
    }
  };
  const workflowTask = loop(async () => {
    const task = await service.pollWorkflowTaskQueue({ namespace, taskQueue, identity });
    if (!task.taskToken?.length) return;
    const commands = nextCommands(task.history?.events ?? [], options.taskQueue);
    await service.respondWorkflowTaskCompleted({ namespace, identity, taskToken: task.taskToken, commands });
  });
  const activityTask = loop(async () => {
    const task = await service.pollActivityTaskQueue({ namespace, taskQueue, identity });
    if (!task.taskToken?.length) return;
    await service.respondActivityTaskCompleted({ namespace, identity, taskToken: task.taskToken, result: task.input });
  });
  const pollers = Array.from({ length: options.pollers }, () => [workflowTask(), activityTask()]).flat();
  return async () => {
    running = false;
    await connection.close();
    const failed = (await Promise.allSettled(pollers)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  };
}
