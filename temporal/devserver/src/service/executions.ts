/**
 * Read models of runs: WorkflowExecutionInfo (describe, list) and DescribeWorkflowExecution.
 */
import { durFromMs, enums, int64, temporal, tsFromMs, wfs } from '../proto';
import { ActivityState, Run } from '../state/run';
import { pauseView } from '../engine/activity-control';

type ExecutionInfo = temporal.api.workflow.v1.IWorkflowExecutionInfo;

export function executionInfo(run: Run): ExecutionInfo {
  return {
    execution: { workflowId: run.workflowId, runId: run.runId },
    type: { name: run.workflowType },
    startTime: tsFromMs(run.startTime),
    closeTime: run.closeTime !== undefined ? tsFromMs(run.closeTime) : undefined,
    status: run.status,
    historyLength: int64(run.nextEventId - 1),
    historySizeBytes: int64(run.historySizeBytes ?? 0),
    executionTime: tsFromMs(run.executionTime),
    memo: { fields: run.memo },
    searchAttributes: { indexedFields: run.searchAttributes },
    taskQueue: run.taskQueue,
    stateTransitionCount: int64(run.stateTransitionCount),
    executionDuration: run.closeTime !== undefined ? durFromMs(run.closeTime - run.executionTime) : undefined,
    firstRunId: run.firstRunId,
    mostRecentWorkerVersionStamp: run.mostRecentWorkerVersionStamp,
    parentExecution: run.parent ? { workflowId: run.parent.workflowId, runId: run.parent.runId } : undefined,
    rootExecution: { workflowId: run.parent?.rootWorkflowId ?? run.workflowId, runId: run.parent?.rootRunId ?? run.runId },
    priority: run.priority,
  };
}

const PendingActivityState = enums.PendingActivityState;

function pendingActivityState(activity: ActivityState): number {
  if (activity.cancelRequestedEventId !== undefined) return PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED;
  if (activity.phase === 'paused') return PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED;
  if (activity.phase === 'started') {
    return activity.pause ? PendingActivityState.PENDING_ACTIVITY_STATE_PAUSE_REQUESTED : PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
  }
  return PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED;
}

export function pendingActivity(activity: ActivityState): temporal.api.workflow.v1.IPendingActivityInfo {
  return {
    activityId: activity.activityId,
    activityType: { name: activity.activityType },
    state: pendingActivityState(activity),
    heartbeatDetails: activity.heartbeatDetails ? temporal.api.common.v1.Payloads.decode(activity.heartbeatDetails) : undefined,
    lastHeartbeatTime: activity.lastHeartbeatAt !== undefined ? tsFromMs(activity.lastHeartbeatAt) : undefined,
    lastStartedTime: activity.startedAt !== undefined ? tsFromMs(activity.startedAt) : undefined,
    attempt: activity.attempt,
    maximumAttempts: activity.retry.maximumAttempts,
    scheduledTime: tsFromMs(activity.attemptScheduledAt),
    expirationTime: activity.scheduleToCloseMs > 0 ? tsFromMs(activity.firstScheduledAt + activity.scheduleToCloseMs) : undefined,
    lastFailure: activity.lastFailure ? temporal.api.failure.v1.Failure.decode(activity.lastFailure) : undefined,
    lastWorkerIdentity: activity.startedIdentity ?? '',
    nextAttemptScheduleTime: activity.retryAt !== undefined ? tsFromMs(activity.retryAt) : undefined,
    ...pauseView(activity),
  };
}

export function describeRun(run: Run): wfs.IDescribeWorkflowExecutionResponse {
  const wft = run.wft;
  return {
    executionConfig: {
      taskQueue: { name: run.taskQueue, kind: enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      workflowExecutionTimeout: durFromMs(run.executionTimeoutMs),
      workflowRunTimeout: durFromMs(run.runTimeoutMs),
      defaultWorkflowTaskTimeout: durFromMs(run.workflowTaskTimeoutMs),
      // Summary and details given on start, from the started event.
      userMetadata: run.events[0]?.userMetadata,
    },
    workflowExecutionInfo: executionInfo(run),
    workflowExtendedInfo: {
      resetRunId: run.resetRunId ?? '',
      originalStartTime: tsFromMs(run.originalStartTime ?? run.startTime),
    },
    pendingActivities: Object.values(run.activities).map(pendingActivity),
    pendingWorkflowTask: wft
      ? {
          state:
            wft.startedEventId !== undefined
              ? enums.PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
              : enums.PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED,
          scheduledTime: tsFromMs(wft.scheduledAt),
          startedTime: wft.startedAt !== undefined ? tsFromMs(wft.startedAt) : undefined,
          attempt: wft.attempt,
        }
      : undefined,
  };
}
