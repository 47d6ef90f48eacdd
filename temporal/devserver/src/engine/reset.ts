/**
 * ResetWorkflowExecution, as the real server does it: a new run whose history is the base run's up to the
 * reset workflow task's WorkflowTaskStarted, then WorkflowTaskFailed (cause RESET_WORKFLOW, naming both runs),
 * then the signals received after the reset point (unless excluded), then a new workflow task. The current
 * run, if open, is terminated with the reset reason; the base run points at the new one (`resetRunId`).
 * Mutable state at the reset point (pending activities and timers, search attributes, memo, updates) is
 * rebuilt from the copied events.
 */
import { randomUUID } from 'node:crypto';
import { invalidArgument } from '../errors';
import { enums, HistoryEvent, msFromDur, msFromTs, num, Payload, wfs } from '../proto';
import { ET, makeEvent } from '../state/events';
import { ActivityState, durableEvents, freshRunParts, isOpen, Run } from '../state/run';
import type { Engine } from './engine';
import { retryPolicyWithDefaults } from './retry';

const Cause = enums.WorkflowTaskFailedCause;
const ReapplyType = enums.ResetReapplyType;
const Exclude = enums.ResetReapplyExcludeType;

/** Events a reset may target: the end of a workflow task. */
const RESET_TARGETS = new Set<number>([
  ET.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  ET.EVENT_TYPE_WORKFLOW_TASK_FAILED,
  ET.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
]);

export function resetWorkflow(e: Engine, base: Run, req: wfs.IResetWorkflowExecutionRequest): string {
  const current = e.currentRun(base.namespace, base.workflowId) ?? base;
  if (req.requestId && current.startRequestId === req.requestId && current.resetFrom === base.runId) return current.runId;
  const finishEventId = num(req.workflowTaskFinishEventId);
  const target = base.events[finishEventId - 1];
  if (!target || !RESET_TARGETS.has(target.eventType as number)) {
    throw invalidArgument(`Invalid WorkflowTaskFinishEventId ${finishEventId}: it must name a WorkflowTaskCompleted, WorkflowTaskFailed or WorkflowTaskTimedOut event of the run.`);
  }
  const startedEventId = finishEventId - 1;
  const scheduledEventId = startedEventId - 1;
  const reason = req.reason ?? '';
  const identity = req.identity ?? '';
  const newRunId = randomUUID();

  const reapplied = reappliedSignals(base, finishEventId, req);
  if (isOpen(current)) e.lifecycle.terminate(current, reason, null, identity);
  base.resetRunId = newRunId;
  e.touch(base);

  const run = rebuild(e, base, base.events.slice(0, startedEventId), newRunId, req.requestId || randomUUID());
  run.resetFrom = base.runId;
  e.addRun(run);
  e.append(
    run,
    makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_FAILED, {
      scheduledEventId,
      startedEventId,
      cause: Cause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
      failure: { message: reason, source: 'Server' },
      identity,
      baseRunId: base.runId,
      newRunId,
    }),
  );
  for (const signal of reapplied) e.append(run, signal);
  e.workflowTasks.schedule(run);
  e.activities.recover(run);
  e.arm(run);
  return newRunId;
}

/** Signals after the reset point (buffered ones too) to replay into the new run, per the reapply options. */
function reappliedSignals(base: Run, finishEventId: number, req: wfs.IResetWorkflowExecutionRequest): HistoryEvent[] {
  if (req.resetReapplyType === ReapplyType.RESET_REAPPLY_TYPE_NONE) return [];
  if ((req.resetReapplyExcludeTypes ?? []).includes(Exclude.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL)) return [];
  return [...base.events.slice(finishEventId), ...base.buffered]
    .filter((event) => event.eventType === ET.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
    .map((event) => {
      const a = event.workflowExecutionSignaledEventAttributes ?? {};
      return makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
        signalName: a.signalName,
        input: a.input,
        header: a.header,
        identity: a.identity,
        requestId: a.requestId,
      });
    });
}

/** A new open run of the base's workflow whose mutable state is what `events` (a history prefix) describe. */
function rebuild(e: Engine, base: Run, events: HistoryEvent[], runId: string, requestId: string): Run {
  const now = e.now();
  const run: Run = {
    namespace: base.namespace,
    workflowId: base.workflowId,
    runId,
    firstRunId: base.firstRunId,
    workflowType: base.workflowType,
    taskQueue: base.taskQueue,
    status: enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
    startTime: now,
    executionTime: now,
    originalStartTime: base.originalStartTime ?? base.startTime,
    runDeadline: base.runTimeoutMs > 0 ? now + base.runTimeoutMs : undefined,
    executionExpiresAt: base.executionExpiresAt,
    runTimeoutMs: base.runTimeoutMs,
    executionTimeoutMs: base.executionTimeoutMs,
    workflowTaskTimeoutMs: base.workflowTaskTimeoutMs,
    startRequestId: requestId,
    nextEventId: events.length + 1,
    ...freshRunParts(),
    searchAttributes: {},
    memo: {},
    parent: base.parent,
    priority: base.priority,
    events: [...events],
  };
  for (const event of events) replayEvent(run, event);
  return run;
}

function merge(target: Record<string, Payload>, fields: Record<string, Payload> | null | undefined): void {
  for (const [key, payload] of Object.entries(fields ?? {})) {
    const text = Buffer.from(payload.data ?? []).toString('utf8');
    if (text === '' || text === 'null' || text === '[]') delete target[key];
    else target[key] = payload;
  }
}

/** Applies one history event to the run's mutable state. */
function replayEvent(run: Run, event: HistoryEvent): void {
  const at = msFromTs(event.eventTime);
  const id = num(event.eventId);
  switch (event.eventType) {
    case ET.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
      const a = event.workflowExecutionStartedEventAttributes ?? {};
      merge(run.searchAttributes, a.searchAttributes?.indexedFields);
      merge(run.memo, a.memo?.fields);
      return;
    }
    case ET.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
      run.lastCompletedStartedEventId = num(event.workflowTaskCompletedEventAttributes?.startedEventId);
      return;
    case ET.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
      const a = event.activityTaskScheduledEventAttributes ?? {};
      const activity: ActivityState = {
        scheduledEventId: id,
        activityId: a.activityId ?? '',
        activityType: a.activityType?.name ?? '',
        taskQueue: a.taskQueue?.name ?? run.taskQueue,
        attempt: 1,
        phase: 'scheduled',
        scheduleToCloseMs: msFromDur(a.scheduleToCloseTimeout),
        scheduleToStartMs: msFromDur(a.scheduleToStartTimeout),
        startToCloseMs: msFromDur(a.startToCloseTimeout),
        heartbeatMs: msFromDur(a.heartbeatTimeout),
        retry: retryPolicyWithDefaults(a.retryPolicy),
        firstScheduledAt: at,
        attemptScheduledAt: at,
      };
      run.activities[id] = activity;
      return;
    }
    case ET.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED: {
      const activity = run.activities[num(event.activityTaskCancelRequestedEventAttributes?.scheduledEventId)];
      if (activity) activity.cancelRequestedEventId = id;
      return;
    }
    case ET.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
    case ET.EVENT_TYPE_ACTIVITY_TASK_FAILED:
    case ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT:
    case ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED: {
      const attributes = (event.activityTaskCompletedEventAttributes ??
        event.activityTaskFailedEventAttributes ??
        event.activityTaskTimedOutEventAttributes ??
        event.activityTaskCanceledEventAttributes) as { scheduledEventId?: unknown };
      delete run.activities[num(attributes?.scheduledEventId as number)];
      return;
    }
    case ET.EVENT_TYPE_TIMER_STARTED: {
      const a = event.timerStartedEventAttributes ?? {};
      run.timers[a.timerId ?? ''] = { startedEventId: id, fireAt: at + msFromDur(a.startToFireTimeout) };
      return;
    }
    case ET.EVENT_TYPE_TIMER_FIRED:
      delete run.timers[event.timerFiredEventAttributes?.timerId ?? ''];
      return;
    case ET.EVENT_TYPE_TIMER_CANCELED:
      delete run.timers[event.timerCanceledEventAttributes?.timerId ?? ''];
      return;
    case ET.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
      merge(run.searchAttributes, event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields);
      return;
    case ET.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED:
      merge(run.memo, event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields);
      return;
    case ET.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED:
      run.cancelRequested = true;
      return;
    case ET.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
      run.updates[event.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId ?? ''] = { acceptedEventId: id };
      return;
    case ET.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
      const updateId = event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? '';
      if (run.updates[updateId]) run.updates[updateId].completedEventId = id;
      return;
    }
    default:
      return;
  }
}

/** GetWorkflowExecutionHistoryReverse: newest events first, paged. */
export function reverseHistory(run: Run, pageSize: number, token: Uint8Array | null | undefined): wfs.IGetWorkflowExecutionHistoryReverseResponse {
  const events = durableEvents(run);
  let end = events.length;
  if (token?.length) {
    end = Number(Buffer.from(token).toString('utf8'));
    if (!Number.isInteger(end) || end < 0 || end > events.length) throw invalidArgument('invalid next page token');
  }
  const start = Math.max(0, end - pageSize);
  return {
    history: { events: events.slice(start, end).reverse() },
    nextPageToken: start > 0 ? Buffer.from(String(start)) : undefined,
  };
}
