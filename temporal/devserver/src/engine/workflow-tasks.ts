/**
 * Workflow tasks: scheduling, dispatch to pollers (always with full history on the normal queue; sticky
 * queues are accepted but never used), completion with commands, failure and start-to-close timeout.
 */
import { randomUUID } from 'node:crypto';
import { invalidArgument, taskNotFound } from '../errors';
import { durFromMs, enums, failure, int64, num, tsFromMs, wfs } from '../proto';
import { ET, makeEvent } from '../state/events';
import { isOpen, Run } from '../state/run';
import { decodeToken, encodeToken } from '../state/tokens';
import { applyCommand, validateCommands } from './commands';
import type { Engine } from './engine';

const NORMAL = enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL;
const Cause = enums.WorkflowTaskFailedCause;

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

export class WorkflowTasks {
  constructor(private readonly engine: Engine) {}

  /** Schedules a workflow task unless one is pending, the run is closed or a backoff is running. */
  schedule(run: Run): void {
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
    run.wft = { scheduledEventId, attempt, scheduledAt: e.now() };
    e.workflowQueues.push(run.namespace, run.taskQueue, { runId: run.runId, scheduledEventId });
  }

  /** After recovery: re-queue scheduled tasks; tasks started before the crash time out now. */
  recover(run: Run): void {
    const wft = run.wft;
    if (!wft) return;
    if (wft.startedEventId !== undefined) this.timeOut(run);
    else this.engine.workflowQueues.push(run.namespace, run.taskQueue, { runId: run.runId, scheduledEventId: wft.scheduledEventId });
  }

  /** Starts the queued task if still valid; returns the poll response or undefined when stale. */
  start(item: { runId: string; scheduledEventId: number }, identity: string): wfs.IPollWorkflowTaskQueueResponse | undefined {
    const e = this.engine;
    const run = e.runs.get(item.runId);
    const wft = run?.wft;
    if (!run || !isOpen(run) || !wft || wft.scheduledEventId !== item.scheduledEventId || wft.startedEventId !== undefined) {
      return undefined;
    }
    wft.startedEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
        scheduledEventId: wft.scheduledEventId,
        identity,
        requestId: randomUUID(),
        historySizeBytes: 0,
      }),
    );
    wft.startedAt = e.now();
    e.arm(run);
    return {
      taskToken: encodeToken({ k: 'w', ns: run.namespace, r: run.runId, s: wft.scheduledEventId, a: wft.attempt }),
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      workflowType: { name: run.workflowType },
      previousStartedEventId: int64(run.lastCompletedStartedEventId),
      startedEventId: int64(wft.startedEventId),
      attempt: wft.attempt,
      history: { events: run.events.slice() },
      workflowExecutionTaskQueue: { name: run.taskQueue, kind: NORMAL },
      scheduledTime: tsFromMs(wft.scheduledAt),
      startedTime: tsFromMs(wft.startedAt),
    };
  }

  complete(req: wfs.IRespondWorkflowTaskCompletedRequest): wfs.IRespondWorkflowTaskCompletedResponse {
    const e = this.engine;
    const run = this.startedRun(req.taskToken);
    const wft = run.wft as Required<NonNullable<Run['wft']>>;
    const commands = req.commands ?? [];
    const closing = commands.some((c: { commandType?: number | null }) => CLOSING_COMMANDS.has(c.commandType as number));
    if (closing && run.buffered.length > 0) {
      this.fail(run, Cause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, 'UnhandledCommand', req.identity ?? '');
      return {};
    }
    const invalid = validateCommands(run, commands);
    if (invalid) {
      this.fail(run, invalid.cause, invalid.message, req.identity ?? '');
      throw invalidArgument(invalid.message);
    }
    const completedEventId = e.append(
      run,
      makeEvent(ET.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
        scheduledEventId: wft.scheduledEventId,
        startedEventId: wft.startedEventId,
        identity: req.identity ?? '',
        binaryChecksum: req.binaryChecksum ?? '',
        sdkMetadata: req.sdkMetadata ?? undefined,
        meteringMetadata: req.meteringMetadata ?? undefined,
      }),
    );
    run.lastCompletedStartedEventId = wft.startedEventId;
    run.wft = undefined;
    run.wftAttempt = 1;
    let needsTask = req.forceCreateNewWorkflowTask === true;
    for (const command of commands) {
      if (!isOpen(run)) break;
      needsTask = applyCommand(e, run, command, completedEventId) || needsTask;
    }
    if (isOpen(run)) {
      if (e.flushBuffered(run) > 0) needsTask = true;
      if (needsTask) this.schedule(run);
      else e.queries.dispatchWaiting(run);
    }
    e.arm(run);
    return {};
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

  private retry(run: Run, resetAttempts: boolean): void {
    const e = this.engine;
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
