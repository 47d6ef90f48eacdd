/**
 * Mutable state of one workflow run, the dev server's equivalent of Temporal's "mutable state".
 * History events are the durable record the SDK sees; the fields here are what the server needs to
 * drive tasks and deadlines. All times are epoch milliseconds on the server clock.
 */
import { HistoryEvent, Payload, enums } from '../proto';
import type { PriorityState } from '../engine/priority';

/** Workflow task in progress: scheduled (waiting for a poller) or started (a worker holds it). */
export interface WorkflowTaskState {
  scheduledEventId: number;
  attempt: number;
  scheduledAt: number;
  startedEventId?: number;
  startedAt?: number;
  /**
   * Scheduled only to deliver updates: if the worker answers with nothing but rejections, the task's events
   * are dropped as if it never happened (the real server's speculative workflow task).
   */
  speculative?: boolean;
}

/** An update the workflow accepted: pointers into history (the request and outcome live in the events). */
export interface UpdateRecord {
  acceptedEventId: number;
  completedEventId?: number;
}

/** Retry policy with server defaults applied. */
export interface RetryPolicy {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  /** 0 = unlimited. */
  maximumAttempts: number;
  nonRetryableErrorTypes: string[];
}

/** `paused`: no attempt is queued or running until it is unpaused (see `engine/activity-control.ts`). */
export type ActivityPhase = 'scheduled' | 'backoff' | 'started' | 'paused';

export interface ActivityState {
  scheduledEventId: number;
  activityId: string;
  activityType: string;
  taskQueue: string;
  attempt: number;
  phase: ActivityPhase;
  /** Timeouts in ms, 0 = none. */
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  retry: RetryPolicy;
  firstScheduledAt: number;
  attemptScheduledAt: number;
  /** When the next attempt becomes available (phase `backoff`). */
  retryAt?: number;
  startedAt?: number;
  startedIdentity?: string;
  requestId?: string;
  lastHeartbeatAt?: number;
  /** Encoded `Payloads` from the last heartbeat. */
  heartbeatDetails?: Uint8Array;
  /** Encoded `Failure` of the previous attempt. */
  lastFailure?: Uint8Array;
  cancelRequestedEventId?: number;
  /** PauseActivity: set while paused (a started attempt learns it from its heartbeat response). */
  pause?: { at: number; identity: string; reason: string };
  /** ResetActivity on a started attempt: its end starts attempt 1 at once (the worker learns it from its heartbeat response). */
  resetRequested?: { keepPaused: boolean };
}

/** The parent of a child workflow run, and the root of its tree. */
export interface ParentRef {
  namespace: string;
  workflowId: string;
  runId: string;
  /** StartChildWorkflowExecutionInitiated event id in the parent. */
  initiatedEventId: number;
  rootWorkflowId: string;
  rootRunId: string;
}

/** A child workflow a run started (keyed by its StartChildWorkflowExecutionInitiated event id). */
export interface ChildRecord {
  namespace: string;
  workflowId: string;
  workflowType: string;
  /** `ParentClosePolicy` enum value. */
  parentClosePolicy: number;
  /** First run of the child, once started. */
  runId?: string;
}

export interface TimerState {
  startedEventId: number;
  fireAt: number;
}

export interface RunState {
  namespace: string;
  workflowId: string;
  runId: string;
  firstRunId: string;
  workflowType: string;
  taskQueue: string;
  /** `WorkflowExecutionStatus` enum value. */
  status: number;
  startTime: number;
  executionTime: number;
  closeTime?: number;
  /** Run timeout deadline (run timeout or execution expiration, whichever is first). */
  runDeadline?: number;
  executionExpiresAt?: number;
  runTimeoutMs: number;
  executionTimeoutMs: number;
  workflowTaskTimeoutMs: number;
  startRequestId: string;
  /** Id of the next history event. */
  nextEventId: number;
  /** WorkflowTaskStarted id of the last completed workflow task (`previousStartedEventId`). */
  lastCompletedStartedEventId: number;
  wft?: WorkflowTaskState;
  /** Attempt number of the next workflow task (grows with failures/timeouts, reset on completion). */
  wftAttempt: number;
  /** No workflow task is scheduled before then (start delay, continue-as-new backoff, task retry backoff). */
  wftNotBefore?: number;
  activities: Record<number, ActivityState>;
  timers: Record<string, TimerState>;
  cancelRequested: boolean;
  parent?: ParentRef;
  children: Record<number, ChildRecord>;
  /** Reset: the run this one was reset from, the run that replaced this one, the first run's start time. */
  resetFrom?: string;
  resetRunId?: string;
  originalStartTime?: number;
  /** Accepted (and completed) updates by update id. */
  updates: Record<string, UpdateRecord>;
  /** Run started by continue-as-new, retry or cron from this one. */
  newRunId?: string;
  /** Attempt of the workflow (its retry policy's attempts), from 1; unset = 1. */
  attempt?: number;
  /** The workflow retry policy (defaults filled in), when the start set one. */
  retry?: RetryPolicy;
  /** Cron schedule given on start: each run closes into the next at the cron's next time. */
  cronSchedule?: string;
  /** Typed search attributes (`Payload` per name, `type` metadata preserved) and memo. */
  searchAttributes: Record<string, Payload>;
  memo: Record<string, Payload>;
  stateTransitionCount: number;
  /** Encoded size of the history so far (unset in journals written before it was kept: 0). */
  historySizeBytes?: number;
  /** Priority given on start (or inherited from the parent); children and activities inherit its fields. */
  priority?: PriorityState;
  /** Set on the internal run that hosts a standalone activity (see `engine/standalone-activities.ts`). */
  standalone?: StandaloneActivityState;
  /** Version stamp of the worker that completed the last workflow task (see `engine/build-ids.ts`). */
  mostRecentWorkerVersionStamp?: { buildId: string; useVersioning: boolean };
}

/** A standalone activity: its id, and once closed its status and outcome (encoded, base64). */
export interface StandaloneActivityState {
  activityId: string;
  /** The attempt the activity closed in. */
  attempt?: number;
  /** `ActivityExecutionStatus` once closed. */
  closedStatus?: number;
  result?: string;
  failure?: string;
  /** `RetryState` of a failed or timed-out activity. */
  retryState?: number;
  canceledReason?: string;
}

export interface Run extends RunState {
  events: HistoryEvent[];
  /** Events that arrived while a workflow task was started; appended after it completes. */
  buffered: HistoryEvent[];
}

/** What every new run starts with: no pending work, no transitions yet, the first workflow task attempt next. */
export function freshRunParts() {
  return {
    lastCompletedStartedEventId: 0,
    wftAttempt: 1,
    activities: {},
    timers: {},
    updates: {},
    children: {},
    cancelRequested: false,
    stateTransitionCount: 0,
    buffered: [],
  } satisfies Partial<Run>;
}

export function isOpen(run: RunState): boolean {
  return run.status === enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
}

/** The history as readers see it: without the events of a speculative workflow task (they may yet be dropped). */
export function durableEvents(run: Run): HistoryEvent[] {
  return run.wft?.speculative ? run.events.slice(0, run.wft.scheduledEventId - 1) : run.events;
}

/**
 * The run has never had a workflow task: it waits out a first-task backoff (start delay, cron, retry). Runs that
 * completed a task return early, so the history scan only covers runs still at their start.
 */
export function awaitsFirstWorkflowTask(run: Run): boolean {
  if (!isOpen(run) || run.wft || run.lastCompletedStartedEventId > 0) return false;
  return !run.events.some((e) => e.eventType === enums.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
}
