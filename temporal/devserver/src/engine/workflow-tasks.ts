/**
 * Workflow tasks: scheduling, dispatch to pollers (always with full history on the normal queue; sticky
 * queues are accepted but never used), completion with commands, failure and start-to-close timeout.
 */
import { randomUUID } from 'node:crypto';
import { invalidArgument, taskNotFound } from '../errors';
import { durFromMs, enums, failure, int64, msFromDur, num, temporal, tsFromMs, wfs } from '../proto';
import { ET, makeEvent } from '../state/events';
import { isOpen, Run } from '../state/run';
import { decodeToken, encodeToken } from '../state/tokens';
import { applyCommand, TaskContext, validateCommands } from './commands';
import { trackBuildId, versionStamp } from './build-ids';
import { eventSize, type Engine, type WorkflowTaskItem } from './engine';

const NORMAL = enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL;
const Cause = enums.WorkflowTaskFailedCause;

/** The real server's default thresholds for suggesting continue-as-new: 4 MiB of history, 4 Ki events. */
export const SUGGEST_CONTINUE_AS_NEW_BYTES = 4 * 1024 * 1024;
export const SUGGEST_CONTINUE_AS_NEW_EVENTS = 4 * 1024;

function continueAsNewReasons(historySizeBytes: number, eventCount: number): enums.SuggestContinueAsNewReason[] {
  const R = enums.SuggestContinueAsNewReason;
  const reasons: enums.SuggestContinueAsNewReason[] = [];
  if (historySizeBytes >= SUGGEST_CONTINUE_AS_NEW_BYTES) reasons.push(R.SUGGEST_CONTINUE_AS_NEW_REASON_HISTORY_SIZE_TOO_LARGE);
  if (eventCount >= SUGGEST_CONTINUE_AS_NEW_EVENTS) reasons.push(R.SUGGEST_CONTINUE_AS_NEW_REASON_TOO_MANY_HISTORY_EVENTS);
  return reasons;
}

/** A run's first workflow task is started as event 3 (after WorkflowExecutionStarted and WorkflowTaskScheduled). */
const FIRST_TASK_STARTED_EVENT_ID = 3;

/** Backoff before retrying a workflow task that failed or timed out repeatedly: attempt × 1 s, at most 10 s. */
function retryBackoffMs(attempt: number): number {
  return attempt <= 2 ? 0 : Math.min((attempt - 2) * 1000, 10_000);
}


const CLOSING_COMMANDS = new Set<number>([
  enums.CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
  enums.CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
  enums.CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
  enums.CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
]);

/** A worker's sticky queue for a run: where its next workflow task goes while the worker caches it. */
interface Stickiness {
  queue: string;
  scheduleToStartMs: number;
  /** The scheduled task went to the sticky queue and must start by then, else it moves to the normal queue. */
  startBy?: number;
}

/** Sticky schedule-to-start timeout when the worker does not set one (the SDK default is 10 s). */
const DEFAULT_STICKY_TIMEOUT_MS = 10_000;

export class WorkflowTasks {
  /** Sticky queues by run id; kept in memory only (after a restart tasks go to the normal queue). */
  private readonly sticky = new Map<string, Stickiness>();

  constructor(private readonly engine: Engine) {}

  /**
   * Schedules a workflow task unless one is pending, the run is closed or a backoff is running. A
   * `speculative` task only carries updates (see {@link WorkflowTaskState.speculative}). An `eager` task goes to
   * no queue: the caller starts it at once (eager workflow start).
   */
  schedule(run: Run, speculative = false, eager = false): void {
    const e = this.engine;
    if (!isOpen(run) || run.wft) return;
    if (run.wftNotBefore !== undefined) {
      if (run.wftNotBefore > e.now()) return e.arm(run);
      run.wftNotBefore = undefined;
    }
    const attempt = run.wftAttempt;
    const scheduledEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, {
        taskQueue: { name: run.taskQueue, kind: NORMAL },
        startToCloseTimeout: durFromMs(run.workflowTaskTimeoutMs),
        attempt,
      }),
    );
    run.wft = { scheduledEventId, attempt, scheduledAt: e.now(), speculative: speculative || undefined };
    if (eager) return;
    const sticky = this.sticky.get(run.runId);
    if (sticky) {
      sticky.startBy = e.now() + sticky.scheduleToStartMs;
      e.workflowQueues.push(run.namespace, sticky.queue, { runId: run.runId, scheduledEventId, sticky: true });
      e.arm(run);
    } else {
      e.workflowQueues.push(run.namespace, run.taskQueue, { runId: run.runId, scheduledEventId });
    }
  }

  /** Schedules the next workflow task now, cutting short a first-task backoff (start delay). */
  scheduleNow(run: Run): void {
    run.wftNotBefore = undefined;
    this.schedule(run);
  }

  /**
   * Eager workflow start: the new run's first task (scheduled with `eager`, on no queue) is started for the caller
   * (`identity`) and returned in the start response.
   */
  startEager(run: Run, identity: string): wfs.IPollWorkflowTaskQueueResponse | undefined {
    return run.wft && this.start({ runId: run.runId, scheduledEventId: run.wft.scheduledEventId }, identity);
  }

  /**
   * A retried eager start (same request id): the eager task again while it is still the run's first task, started
   * and on its first attempt, as the real server answers; else undefined.
   */
  eagerTaskAgain(run: Run): wfs.IPollWorkflowTaskQueueResponse | undefined {
    const wft = run.wft;
    if (!isOpen(run) || wft?.startedEventId !== FIRST_TASK_STARTED_EVENT_ID || wft.attempt !== 1) return undefined;
    return this.pollResponse(run, wft as Required<NonNullable<Run['wft']>>, false);
  }

  /** Moves a task waiting on a sticky queue to the normal queue (worker gone or too slow). */
  private unstick(run: Run): void {
    const sticky = this.sticky.get(run.runId);
    if (!sticky) return;
    this.sticky.delete(run.runId);
    const wft = run.wft;
    if (sticky.startBy !== undefined && wft && wft.startedEventId === undefined && isOpen(run)) {
      this.engine.workflowQueues.push(run.namespace, run.taskQueue, { runId: run.runId, scheduledEventId: wft.scheduledEventId });
    }
  }

  /** ResetStickyTaskQueue: the worker dropped the run from its cache. */
  resetSticky(run: Run): void {
    this.unstick(run);
  }

  /** ShutdownWorker: tasks waiting on the worker's sticky queue go to the normal queue. */
  shutdownStickyQueue(namespace: string, queue: string): void {
    for (const [runId, sticky] of [...this.sticky]) {
      const run = this.engine.runs.get(runId);
      if (sticky.queue === queue && run?.namespace === namespace) this.unstick(run);
    }
  }

  stickyDeadline(run: Run): number | undefined {
    return run.wft?.startedEventId === undefined ? this.sticky.get(run.runId)?.startBy : undefined;
  }

  evaluateSticky(run: Run, now: number): void {
    const startBy = this.stickyDeadline(run);
    if (startBy !== undefined && startBy <= now) this.unstick(run);
  }

  /** After recovery: re-queue scheduled tasks; tasks started before the crash time out now. */
  recover(run: Run): void {
    const wft = run.wft;
    if (!wft) return;
    // The updates a speculative task was scheduled for died with the process: the task never happened.
    if (wft.speculative && wft.startedEventId === undefined) return this.discard(run);
    if (wft.startedEventId !== undefined) this.timeOut(run);
    else this.engine.workflowQueues.push(run.namespace, run.taskQueue, { runId: run.runId, scheduledEventId: wft.scheduledEventId });
  }

  /** Starts the queued task if still valid; returns the poll response or undefined when stale. */
  start(item: WorkflowTaskItem, identity: string): wfs.IPollWorkflowTaskQueueResponse | undefined {
    const e = this.engine;
    const run = e.runs.get(item.runId);
    const wft = run?.wft;
    if (!run || !isOpen(run) || !wft || wft.scheduledEventId !== item.scheduledEventId || wft.startedEventId !== undefined) {
      return undefined;
    }
    const sticky = this.sticky.get(run.runId);
    if (item.sticky && !sticky?.startBy) return undefined;
    if (sticky) sticky.startBy = undefined;
    const historySizeBytes = run.historySizeBytes ?? 0;
    const reasons = continueAsNewReasons(historySizeBytes, run.nextEventId);
    wft.startedEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
        scheduledEventId: wft.scheduledEventId,
        identity,
        requestId: randomUUID(),
        historySizeBytes: int64(historySizeBytes),
        suggestContinueAsNew: reasons.length > 0,
        suggestContinueAsNewReasons: reasons,
      }),
    );
    wft.startedAt = e.now();
    e.arm(run);
    return this.pollResponse(run, wft as Required<NonNullable<Run['wft']>>, item.sticky === true);
  }

  private pollResponse(run: Run, wft: Required<NonNullable<Run['wft']>>, sticky: boolean): wfs.IPollWorkflowTaskQueueResponse {
    return {
      taskToken: encodeToken({ k: 'w', ns: run.namespace, r: run.runId, s: wft.scheduledEventId, a: wft.attempt }),
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      workflowType: { name: run.workflowType },
      previousStartedEventId: int64(run.lastCompletedStartedEventId),
      startedEventId: int64(wft.startedEventId),
      attempt: wft.attempt,
      // A sticky worker has the run cached: it gets only the events after its last completed task.
      history: { events: run.events.slice(sticky ? run.lastCompletedStartedEventId : 0, wft.startedEventId) },
      workflowExecutionTaskQueue: { name: run.taskQueue, kind: NORMAL },
      scheduledTime: tsFromMs(wft.scheduledAt),
      startedTime: tsFromMs(wft.startedAt),
      messages: this.engine.updates.messagesFor(run, wft.startedEventId),
    };
  }

  /** Drops a speculative task's events from history, as if it was never scheduled. */
  private discard(run: Run): void {
    const wft = run.wft as NonNullable<Run['wft']>;
    for (const event of run.events.slice(wft.scheduledEventId - 1)) run.historySizeBytes = (run.historySizeBytes ?? 0) - eventSize(event);
    run.events.length = wft.scheduledEventId - 1;
    run.nextEventId = wft.scheduledEventId;
    run.wft = undefined;
    this.engine.touch(run);
  }

  complete(req: wfs.IRespondWorkflowTaskCompletedRequest): wfs.IRespondWorkflowTaskCompletedResponse {
    const e = this.engine;
    const run = this.startedRun(req.taskToken);
    const wft = run.wft as Required<NonNullable<Run['wft']>>;
    const commands = req.commands ?? [];
    const messageList = req.messages ?? [];
    const messages = new Map(messageList.map((m) => [m.id ?? '', m]));
    const closing = commands.some((c) => CLOSING_COMMANDS.has(c.commandType as number));
    if (closing && run.buffered.length > 0) {
      this.fail(run, Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, 'UnhandledCommand', req.identity ?? '');
      return {};
    }
    const invalid = validateCommands(e, run, commands, messages);
    if (invalid) {
      this.fail(run, invalid.cause, invalid.message, req.identity ?? '');
      throw invalidArgument(invalid.message);
    }
    if (wft.speculative && run.buffered.length === 0 && !req.forceCreateNewWorkflowTask && e.updates.isRejectionOnly(commands, messageList)) {
      return this.completeDiscarded(run, req, messageList);
    }
    const workerVersion = versionStamp(req.workerVersionStamp);
    trackBuildId(run, workerVersion);
    const completedEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
        scheduledEventId: wft.scheduledEventId,
        startedEventId: wft.startedEventId,
        identity: req.identity ?? '',
        binaryChecksum: req.binaryChecksum ?? '',
        workerVersion,
        sdkMetadata: req.sdkMetadata ?? undefined,
        meteringMetadata: req.meteringMetadata ?? undefined,
      }),
    );
    run.lastCompletedStartedEventId = wft.startedEventId;
    run.wft = undefined;
    run.wftAttempt = 1;
    this.rememberSticky(run, req.stickyAttributes);
    let needsTask = req.forceCreateNewWorkflowTask === true;
    const task: TaskContext = { completedEventId, messages, effects: [], eagerActivities: [] };
    for (const command of commands) {
      if (!isOpen(run)) break;
      needsTask = applyCommand(e, run, command, task) || needsTask;
    }
    for (const effect of task.effects) effect();
    if (isOpen(run)) {
      e.updates.afterTask(run, messageList, wft.startedEventId);
      if (e.flushBuffered(run) > 0) needsTask = true;
      this.scheduleNext(run, needsTask);
    }
    e.arm(run);
    return { activityTasks: this.startEagerActivities(run, task.eagerActivities, req.identity ?? '') };
  }

  /**
   * A speculative task answered with update rejections only: its events are dropped and the worker is told
   * to roll back to its last real task (`resetHistoryEventId`).
   */
  private completeDiscarded(run: Run, req: wfs.IRespondWorkflowTaskCompletedRequest, messages: temporal.api.protocol.v1.IMessage[]) {
    const startedEventId = run.wft?.startedEventId ?? 0;
    this.discard(run);
    this.rememberSticky(run, req.stickyAttributes);
    this.engine.updates.afterTask(run, messages, startedEventId);
    this.scheduleNext(run, false);
    this.engine.arm(run);
    return { resetHistoryEventId: int64(run.lastCompletedStartedEventId) };
  }

  /** After a task: the next one if needed (a speculative one for updates that arrived meanwhile), else queries go out. */
  private scheduleNext(run: Run, needsTask: boolean): void {
    if (needsTask) this.schedule(run);
    else if (this.engine.updates.hasUnsent(run)) this.schedule(run, true);
    else this.engine.queries.dispatchWaiting(run);
  }

  /**
   * Eager activity execution: activities the worker asked to run itself were scheduled without going to their task
   * queue (so no waiting poller takes them); they start now for the completing worker and go back in the completion
   * response. None when the task closed the workflow; an activity canceled in the same task is skipped.
   */
  private startEagerActivities(run: Run, scheduledEventIds: number[], identity: string): wfs.IPollActivityTaskQueueResponse[] {
    const tasks: wfs.IPollActivityTaskQueueResponse[] = [];
    if (!isOpen(run)) return tasks;
    for (const scheduledEventId of scheduledEventIds) {
      const activity = run.activities[scheduledEventId];
      if (!activity) continue;
      const task = this.engine.activities.start({ runId: run.runId, scheduledEventId, attempt: activity.attempt }, identity);
      if (task) tasks.push(task);
    }
    return tasks;
  }

  /** RespondWorkflowTaskFailed from a worker. */
  failByWorker(req: wfs.IRespondWorkflowTaskFailedRequest): void {
    const run = this.startedRun(req.taskToken);
    this.fail(run, req.cause ?? Cause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED, undefined, req.identity ?? '', req.failure ?? undefined);
  }

  /** Writes WorkflowTaskFailed and schedules the next attempt (events buffered meanwhile come first). */
  fail(run: Run, cause: number, message: string | undefined, identity: string, taskFailure?: failure.IFailure): void {
    const e = this.engine;
    const wft = run.wft as Required<NonNullable<Run['wft']>>;
    e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_FAILED, {
        scheduledEventId: wft.scheduledEventId,
        startedEventId: wft.startedEventId,
        cause,
        failure: taskFailure ?? { message: message ?? '', source: 'Server' },
        identity,
      }),
    );
    this.retry(run, cause === Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND);
  }

  /** Start-to-close timeout of the started task. */
  timeOut(run: Run): void {
    const wft = run.wft as Required<NonNullable<Run['wft']>>;
    this.engine.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, {
        scheduledEventId: wft.scheduledEventId,
        startedEventId: wft.startedEventId,
        timeoutType: enums.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
      }),
    );
    this.retry(run, false);
  }

  /** Handles the started task's timeout if due. */
  evaluate(run: Run, now: number): void {
    const deadline = this.deadline(run);
    if (deadline === undefined || deadline > now) return;
    if (run.wft?.startedEventId !== undefined) this.timeOut(run);
    else this.schedule(run);
  }

  deadline(run: Run): number | undefined {
    const wft = run.wft;
    if (wft?.startedAt !== undefined) return wft.startedAt + run.workflowTaskTimeoutMs;
    return wft ? undefined : run.wftNotBefore;
  }

  private rememberSticky(run: Run, attributes: wfs.IRespondWorkflowTaskCompletedRequest['stickyAttributes']): void {
    const queue = attributes?.workerTaskQueue?.name;
    if (!queue) {
      this.sticky.delete(run.runId);
      return;
    }
    this.sticky.set(run.runId, { queue, scheduleToStartMs: msFromDur(attributes.scheduleToStartTimeout) || DEFAULT_STICKY_TIMEOUT_MS });
  }

  /** Forgets a closed run's sticky queue. */
  forget(runId: string): void {
    this.sticky.delete(runId);
  }

  private retry(run: Run, resetAttempts: boolean): void {
    const e = this.engine;
    this.sticky.delete(run.runId);
    run.wft = undefined;
    run.wftAttempt = resetAttempts ? 1 : run.wftAttempt + 1;
    e.flushBuffered(run);
    const backoff = retryBackoffMs(run.wftAttempt);
    if (backoff > 0) run.wftNotBefore = e.now() + backoff;
    this.schedule(run);
    e.arm(run);
  }

  private startedRun(taskToken: Uint8Array | null | undefined): Run {
    const token = decodeToken(taskToken, 'w');
    const run = this.engine.runs.get(token.r);
    const wft = run?.wft;
    if (!run || !isOpen(run) || !wft || wft.scheduledEventId !== num(token.s) || wft.startedEventId === undefined) {
      throw taskNotFound('Workflow task');
    }
    return run;
  }
}
