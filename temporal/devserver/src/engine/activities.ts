/**
 * Activity tasks: scheduling (server-side timeout and retry defaults), dispatch, heartbeats, results,
 * timeouts and retries with backoff. As on the real server, ActivityTaskStarted is written together with
 * the attempt's final result, and retried attempts leave no trace in history but `attempt`/`lastFailure`.
 */
import { randomUUID } from 'node:crypto';
import { taskNotFound } from '../errors';
import { common, durFromMs, encode, enums, failure, HistoryEvent, msFromDur, num, temporal, tsFromMs, wfs } from '../proto';
import { ET, makeEvent, PREVIOUS_EVENT_ID } from '../state/events';
import { ActivityState, isOpen, RetryPolicy, Run } from '../state/run';
import { decodeToken, encodeToken } from '../state/tokens';
import type { ActivityQueueItem, Engine } from './engine';
import { mergePriority } from './priority';
import { computeRetry, retryPolicyWithDefaults, timeoutFailure } from './retry';

const NORMAL = enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL;
const RetryState = enums.RetryState;
const Timeout = enums.TimeoutType;

type ScheduleAttributes = temporal.api.command.v1.IScheduleActivityTaskCommandAttributes;

/** Identifies an activity for completion by id (`...ById` RPCs). */
export interface ActivityRef {
  namespace: string;
  workflowId: string;
  runId?: string | null;
  activityId: string;
}

export class Activities {
  constructor(private readonly engine: Engine) {}

  /**
   * ScheduleActivityTask command; returns the ActivityTaskScheduled event id. Without `dispatch` (eager execution)
   * the attempt goes to no task queue: the completing worker gets it.
   */
  schedule(run: Run, a: ScheduleAttributes, completedEventId: number, dispatch: boolean): number {
    const e = this.engine;
    const now = e.now();
    const remainingRunMs = run.runDeadline !== undefined ? Math.max(1, run.runDeadline - now) : 0;
    let scheduleToClose = msFromDur(a.scheduleToCloseTimeout);
    let scheduleToStart = msFromDur(a.scheduleToStartTimeout);
    let startToClose = msFromDur(a.startToCloseTimeout);
    let heartbeat = msFromDur(a.heartbeatTimeout);
    if (remainingRunMs > 0 && (scheduleToClose === 0 || scheduleToClose > remainingRunMs)) scheduleToClose = remainingRunMs;
    if (scheduleToStart === 0 || (scheduleToClose > 0 && scheduleToStart > scheduleToClose)) scheduleToStart = scheduleToClose;
    if (startToClose === 0 || (scheduleToClose > 0 && startToClose > scheduleToClose)) startToClose = scheduleToClose || startToClose;
    if (heartbeat > startToClose) heartbeat = startToClose;
    const retry = retryPolicyWithDefaults(a.retryPolicy);
    const taskQueue = a.taskQueue?.name || run.taskQueue;
    const scheduledEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
        activityId: a.activityId,
        activityType: a.activityType,
        taskQueue: { name: taskQueue, kind: NORMAL },
        header: a.header,
        input: a.input,
        scheduleToCloseTimeout: durFromMs(scheduleToClose),
        scheduleToStartTimeout: durFromMs(scheduleToStart),
        startToCloseTimeout: durFromMs(startToClose),
        heartbeatTimeout: durFromMs(heartbeat),
        workflowTaskCompletedEventId: completedEventId,
        retryPolicy: retryToProto(retry),
        priority: a.priority,
      }),
    );
    const activity: ActivityState = {
      scheduledEventId,
      activityId: a.activityId ?? '',
      activityType: a.activityType?.name ?? '',
      taskQueue,
      attempt: 1,
      phase: 'scheduled',
      scheduleToCloseMs: scheduleToClose,
      scheduleToStartMs: scheduleToStart,
      startToCloseMs: startToClose,
      heartbeatMs: heartbeat,
      retry,
      firstScheduledAt: now,
      attemptScheduledAt: now,
    };
    run.activities[scheduledEventId] = activity;
    if (dispatch) this.enqueue(run, activity);
    return scheduledEventId;
  }

  /** After recovery or a reset: queued attempts go (back) to their task queue (started ones time out normally). */
  recover(run: Run): void {
    for (const activity of Object.values(run.activities)) {
      if (activity.phase === 'scheduled') this.enqueue(run, activity);
    }
  }

  /** Starts the queued attempt if still valid; returns the poll response or undefined when stale. */
  start(item: ActivityQueueItem, identity: string): wfs.IPollActivityTaskQueueResponse | undefined {
    const e = this.engine;
    const run = e.runs.get(item.runId);
    const activity = run?.activities[item.scheduledEventId];
    if (!run || !isOpen(run) || !activity || activity.phase !== 'scheduled' || activity.attempt !== item.attempt) return undefined;
    activity.phase = 'started';
    activity.startedAt = e.now();
    activity.startedIdentity = identity;
    activity.requestId = randomUUID();
    activity.lastHeartbeatAt = undefined;
    e.touch(run);
    e.arm(run);
    const scheduled = run.events[activity.scheduledEventId - 1].activityTaskScheduledEventAttributes ?? {};
    return {
      taskToken: encodeToken({ k: 'a', ns: run.namespace, r: run.runId, s: activity.scheduledEventId, a: activity.attempt }),
      workflowNamespace: run.namespace,
      // A standalone activity has no workflow: its own run id instead.
      workflowType: run.standalone ? undefined : { name: run.workflowType },
      workflowExecution: run.standalone ? undefined : { workflowId: run.workflowId, runId: run.runId },
      activityRunId: run.standalone ? run.runId : undefined,
      activityType: { name: activity.activityType },
      activityId: activity.activityId,
      header: scheduled.header,
      input: scheduled.input,
      heartbeatDetails: activity.heartbeatDetails ? common.Payloads.decode(activity.heartbeatDetails) : undefined,
      scheduledTime: tsFromMs(activity.firstScheduledAt),
      currentAttemptScheduledTime: tsFromMs(activity.attemptScheduledAt),
      startedTime: tsFromMs(activity.startedAt),
      attempt: activity.attempt,
      scheduleToCloseTimeout: durFromMs(activity.scheduleToCloseMs),
      startToCloseTimeout: durFromMs(activity.startToCloseMs),
      heartbeatTimeout: durFromMs(activity.heartbeatMs),
      retryPolicy: retryToProto(activity.retry),
      // Fields the activity leaves unset come from the workflow.
      priority: mergePriority(run.priority, scheduled.priority),
    };
  }

  // ---- worker and client calls --------------------------------------------------------------------

  /** The started activity named by a task token; NOT_FOUND when it finished, timed out or was retried. */
  byToken(taskToken: Uint8Array | null | undefined): { run: Run; activity: ActivityState } {
    const token = decodeToken(taskToken, 'a');
    const run = this.engine.runs.get(token.r);
    const activity = run?.activities[num(token.s)];
    if (!run || !isOpen(run) || !activity || activity.attempt !== num(token.a) || activity.phase !== 'started') {
      throw taskNotFound('Activity task');
    }
    return { run, activity };
  }

  byId(ref: ActivityRef): { run: Run; activity: ActivityState } {
    const run = this.engine.findRun(ref.namespace, ref.workflowId, ref.runId);
    const activity = isOpen(run) ? Object.values(run.activities).find((a) => a.activityId === ref.activityId) : undefined;
    if (!activity) throw taskNotFound('Activity task');
    return { run, activity };
  }

  heartbeat(run: Run, activity: ActivityState, details: common.IPayloads | null | undefined): wfs.IRecordActivityTaskHeartbeatResponse {
    const e = this.engine;
    activity.lastHeartbeatAt = e.now();
    if (details) activity.heartbeatDetails = encode(common.Payloads, details);
    e.touch(run);
    e.arm(run);
    return {
      cancelRequested: activity.cancelRequestedEventId !== undefined,
      activityPaused: activity.pause !== undefined,
      activityReset: activity.resetRequested !== undefined,
    };
  }

  complete(run: Run, activity: ActivityState, result: common.IPayloads | null | undefined, identity: string): void {
    this.finish(run, activity, identity, ET.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, { result, identity });
  }

  fail(run: Run, activity: ActivityState, cause: failure.IFailure, identity: string, lastHeartbeatDetails?: common.IPayloads | null): void {
    if (lastHeartbeatDetails) activity.heartbeatDetails = encode(common.Payloads, lastHeartbeatDetails);
    const decision = computeRetry(activity.retry, activity.attempt, cause, this.engine.now(), retryDeadline(activity));
    if (decision.retry || activity.resetRequested) return this.retryLater(run, activity, decision.retry ? decision.delayMs : 0, cause);
    this.finish(run, activity, identity, ET.EVENT_TYPE_ACTIVITY_TASK_FAILED, { failure: cause, identity, retryState: decision.retryState });
  }

  canceled(run: Run, activity: ActivityState, details: common.IPayloads | null | undefined, identity: string): void {
    this.finish(run, activity, identity, ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED, {
      details,
      identity,
      latestCancelRequestedEventId: activity.cancelRequestedEventId ?? 0,
    });
  }

  /** RequestCancelActivityTask command; returns true when the activity was canceled at once. */
  requestCancel(run: Run, scheduledEventId: number, completedEventId: number): boolean {
    const e = this.engine;
    const activity = run.activities[scheduledEventId];
    if (!activity) return false;
    const requestedId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, { scheduledEventId, workflowTaskCompletedEventId: completedEventId }),
    );
    activity.cancelRequestedEventId = requestedId;
    if (activity.phase === 'started') return false;
    delete run.activities[scheduledEventId];
    e.append(
      run,
      makeEvent(ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED, { scheduledEventId, startedEventId: 0, latestCancelRequestedEventId: requestedId }),
    );
    return true;
  }

  // ---- deadlines ----------------------------------------------------------------------------------

  deadline(activity: ActivityState): number | undefined {
    let at = activity.scheduleToCloseMs > 0 ? activity.firstScheduledAt + activity.scheduleToCloseMs : Infinity;
    if (activity.phase === 'backoff') at = Math.min(at, activity.retryAt ?? Infinity);
    // 'paused': only the schedule-to-close deadline runs.
    if (activity.phase === 'scheduled' && activity.scheduleToStartMs > 0) at = Math.min(at, activity.attemptScheduledAt + activity.scheduleToStartMs);
    if (activity.phase === 'started') {
      const startedAt = activity.startedAt ?? 0;
      if (activity.startToCloseMs > 0) at = Math.min(at, startedAt + activity.startToCloseMs);
      if (activity.heartbeatMs > 0) at = Math.min(at, (activity.lastHeartbeatAt ?? startedAt) + activity.heartbeatMs);
    }
    return at === Infinity ? undefined : at;
  }

  /** Applies whichever of the activity's deadlines is due. */
  evaluate(run: Run, activity: ActivityState, now: number): void {
    if (activity.scheduleToCloseMs > 0 && now >= activity.firstScheduledAt + activity.scheduleToCloseMs) {
      return this.timeOutFinally(run, activity, Timeout.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE);
    }
    switch (activity.phase) {
      case 'backoff':
        if ((activity.retryAt ?? 0) <= now) {
          activity.phase = 'scheduled';
          activity.attemptScheduledAt = now;
          activity.retryAt = undefined;
          this.enqueue(run, activity);
          this.engine.touch(run);
        }
        return;
      case 'scheduled':
        if (activity.scheduleToStartMs > 0 && now >= activity.attemptScheduledAt + activity.scheduleToStartMs) {
          this.timeOutFinally(run, activity, Timeout.TIMEOUT_TYPE_SCHEDULE_TO_START);
        }
        return;
      case 'started': {
        const startedAt = activity.startedAt ?? 0;
        if (activity.startToCloseMs > 0 && now >= startedAt + activity.startToCloseMs) {
          return this.timeOutAttempt(run, activity, Timeout.TIMEOUT_TYPE_START_TO_CLOSE);
        }
        if (activity.heartbeatMs > 0 && now >= (activity.lastHeartbeatAt ?? startedAt) + activity.heartbeatMs) {
          this.timeOutAttempt(run, activity, Timeout.TIMEOUT_TYPE_HEARTBEAT);
        }
      }
    }
  }

  private timeOutAttempt(run: Run, activity: ActivityState, type: enums.TimeoutType): void {
    const cause = timeoutFailure(type, activity.heartbeatDetails);
    const decision = computeRetry(activity.retry, activity.attempt, cause, this.engine.now(), retryDeadline(activity));
    if (decision.retry || activity.resetRequested) return this.retryLater(run, activity, decision.retry ? decision.delayMs : 0, cause);
    this.finish(run, activity, '', ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, { failure: cause, retryState: decision.retryState });
  }

  private timeOutFinally(run: Run, activity: ActivityState, type: enums.TimeoutType): void {
    const attributes = { failure: timeoutFailure(type, activity.heartbeatDetails), retryState: RetryState.RETRY_STATE_TIMEOUT };
    if (activity.phase === 'started') return this.finish(run, activity, '', ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, attributes);
    delete run.activities[activity.scheduledEventId];
    this.report(run, activity, [makeEvent(ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, { ...attributes, scheduledEventId: activity.scheduledEventId, startedEventId: 0 })]);
  }

  /**
   * The next attempt after a failed one: after the retry backoff; at once as attempt 1 when a reset was requested;
   * not before an unpause when the activity is paused (the attempt count still grows, as on the real server).
   */
  private retryLater(run: Run, activity: ActivityState, delayMs: number, cause: failure.IFailure): void {
    const e = this.engine;
    const reset = activity.resetRequested;
    activity.resetRequested = undefined;
    if (reset && !reset.keepPaused) activity.pause = undefined;
    activity.attempt = reset ? 1 : activity.attempt + 1;
    activity.phase = activity.pause ? 'paused' : 'backoff';
    activity.retryAt = activity.pause ? undefined : e.now() + (reset ? 0 : delayMs);
    activity.lastFailure = encode(failure.Failure, cause);
    activity.startedAt = undefined;
    activity.startedIdentity = undefined;
    activity.lastHeartbeatAt = undefined;
    e.touch(run);
    e.arm(run);
  }

  /** Ends the activity with ActivityTaskStarted + the given result event. */
  private finish(run: Run, activity: ActivityState, identity: string, type: enums.EventType, attributes: object): void {
    delete run.activities[activity.scheduledEventId];
    const started: HistoryEvent = makeEvent(ET.EVENT_TYPE_ACTIVITY_TASK_STARTED, {
      scheduledEventId: activity.scheduledEventId,
      identity: activity.startedIdentity || identity,
      requestId: activity.requestId ?? randomUUID(),
      attempt: activity.attempt,
      lastFailure: activity.lastFailure ? failure.Failure.decode(activity.lastFailure) : undefined,
    });
    const result = makeEvent(type, { ...attributes, scheduledEventId: activity.scheduledEventId, startedEventId: PREVIOUS_EVENT_ID });
    this.report(run, activity, [started, result]);
  }

  /** The activity's end: into the workflow's history, or the outcome of a standalone activity (the last event). */
  private report(run: Run, activity: ActivityState, events: HistoryEvent[]): void {
    if (run.standalone) this.engine.standaloneActivities.closed(run, activity, events[events.length - 1]);
    else this.engine.addExternalEvents(run, events);
  }

  /** Queues the activity's current attempt on its task queue. */
  enqueue(run: Run, activity: ActivityState): void {
    this.engine.activityQueues.push(run.namespace, activity.taskQueue, {
      runId: run.runId,
      scheduledEventId: activity.scheduledEventId,
      attempt: activity.attempt,
    });
  }
}

function retryToProto(retry: RetryPolicy): common.IRetryPolicy {
  return {
    initialInterval: durFromMs(retry.initialIntervalMs),
    backoffCoefficient: retry.backoffCoefficient,
    maximumInterval: durFromMs(retry.maximumIntervalMs),
    maximumAttempts: retry.maximumAttempts,
    nonRetryableErrorTypes: retry.nonRetryableErrorTypes,
  };
}

/** No activity retry may start at or after the schedule-to-close deadline. */
function retryDeadline(activity: ActivityState): number | undefined {
  return activity.scheduleToCloseMs > 0 ? activity.firstScheduledAt + activity.scheduleToCloseMs : undefined;
}
