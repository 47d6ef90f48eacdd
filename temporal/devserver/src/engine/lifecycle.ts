/**
 * Workflow lifecycle: start (ID reuse and conflict policies), signal, signal-with-start, cancel request,
 * terminate, the closing commands, continue-as-new and run timeouts.
 */
import { randomUUID } from 'node:crypto';
import { alreadyStarted, invalidArgument } from '../errors';
import { workflowCompleted } from './updates';
import { common, durFromMs, enums, failure, google, msFromDur, Payload, temporal, tsFromMs, wfs } from '../proto';
import { PriorityState, priorityState } from './priority';
import { ET, makeEvent } from '../state/events';
import { awaitsFirstWorkflowTask, isOpen, ParentRef, Run } from '../state/run';
import type { Engine } from './engine';
import { afterCompletion, afterFailure, Continuation, cronBackoffMs } from './continuation';
import { retryPolicyMessage, retryPolicyWithDefaults } from './retry';

const Status = enums.WorkflowExecutionStatus;
const Reuse = enums.WorkflowIdReusePolicy;
const Conflict = enums.WorkflowIdConflictPolicy;
const NORMAL = enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL;

/** The real server's default limit on workflow id length. */
export const MAX_ID_LENGTH = 1000;

/** Server default workflow task timeout: 10 s. */
export const DEFAULT_WORKFLOW_TASK_TIMEOUT_MS = 10_000;
/** Upper bound the real server enforces on workflow task timeouts: 120 s. */
export const MAX_WORKFLOW_TASK_TIMEOUT_MS = 120_000;

interface NewRun {
  namespace: string;
  workflowId: string;
  runId?: string;
  workflowType: string;
  taskQueue: string;
  input?: common.IPayloads | null;
  header?: common.IHeader | null;
  runTimeoutMs: number;
  executionTimeoutMs: number;
  executionExpiresAt?: number;
  workflowTaskTimeoutMs: number;
  identity: string;
  requestId: string;
  memo: Record<string, Payload>;
  searchAttributes: Record<string, Payload>;
  startDelayMs: number;
  firstRunId?: string;
  continuedFrom?: Run;
  initiator?: number | null;
  lastCompletionResult?: common.IPayloads | null;
  continuedFailure?: failure.IFailure | null;
  retryPolicy?: common.IRetryPolicy | null;
  attempt?: number;
  cronSchedule?: string;
  parent?: ParentRef;
  /** Summary and details given on start (stored on WorkflowExecutionStarted, shown by describe). */
  userMetadata?: temporal.api.sdk.v1.IUserMetadata | null;
  priority?: PriorityState;
  /** Eager workflow start: the first task is scheduled on no queue (the caller starts it, see `startEager`). */
  eager?: boolean;
  signal?: { name: string; input?: common.IPayloads | null; header?: common.IHeader | null; identity: string; requestId: string };
}

type StartRequest = wfs.IStartWorkflowExecutionRequest & {
  signalName?: string | null;
  signalInput?: common.IPayloads | null;
};

export interface StartOutcome {
  runId: string;
  started: boolean;
  /** Eager workflow start: the new run's first workflow task, started for the caller. */
  eagerWorkflowTask?: wfs.IPollWorkflowTaskQueueResponse;
}

export class Lifecycle {
  constructor(private readonly engine: Engine) {}

  /** StartWorkflowExecution; with `signalName` set, SignalWithStartWorkflowExecution; with `parent`, a child. */
  start(req: StartRequest, withSignal: boolean, parent?: ParentRef): StartOutcome {
    const e = this.engine;
    const namespace = e.namespaces.get(req.namespace).name;
    const workflowId = req.workflowId ?? '';
    if (!workflowId) throw invalidArgument('WorkflowId is not set on request.');
    if (workflowId.length > MAX_ID_LENGTH) throw invalidArgument('WorkflowId length exceeds limit.');
    if (!req.workflowType?.name) throw invalidArgument('WorkflowType is not set on request.');
    if (!req.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
    if (withSignal && !req.signalName) throw invalidArgument('SignalName is not set on request.');
    const searchAttributes = e.visibility.validateStart(namespace, req.searchAttributes?.indexedFields);
    const requestId = req.requestId || randomUUID();
    // Signal-with-start signals a running workflow unless told otherwise; FAIL makes no sense for it.
    const conflict =
      req.workflowIdConflictPolicy ||
      (req.workflowIdReusePolicy === Reuse.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING
        ? Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING
        : withSignal
          ? Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
          : Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL);
    if (withSignal && conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_FAIL) {
      throw invalidArgument('Invalid WorkflowIDConflictPolicy: WORKFLOW_ID_CONFLICT_POLICY_FAIL is not supported for this operation.');
    }
    const existing = e.currentRun(namespace, workflowId);
    if (existing && isOpen(existing)) {
      if (withSignal && conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) {
        // Signal-with-start during a start delay dispatches the first task at once (a plain signal does not).
        const inStartDelay = isInStartDelay(existing);
        this.signal(existing, req.signalName ?? '', req.signalInput, req.header, req.identity ?? '', requestId);
        if (inStartDelay) this.engine.workflowTasks.scheduleNow(existing);
        return { runId: existing.runId, started: false };
      }
      if (!withSignal && existing.startRequestId === requestId) {
        const eagerWorkflowTask = req.requestEagerExecution ? e.workflowTasks.eagerTaskAgain(existing) : undefined;
        return { runId: existing.runId, started: true, eagerWorkflowTask };
      }
      if (conflict === Conflict.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) return { runId: existing.runId, started: false };
      if (conflict !== Conflict.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING) {
        throw alreadyStarted(workflowId, existing.runId, existing.startRequestId);
      }
      this.terminate(existing, 'terminated by a new start (WorkflowIdConflictPolicy TERMINATE_EXISTING)', null, req.identity ?? '');
    } else if (existing) {
      if (existing.startRequestId === requestId) return { runId: existing.runId, started: true };
      const reuse = req.workflowIdReusePolicy || Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;
      const rejected =
        reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE ||
        (reuse === Reuse.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY &&
          (existing.status === Status.WORKFLOW_EXECUTION_STATUS_COMPLETED || existing.status === Status.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW));
      if (rejected) throw alreadyStarted(workflowId, existing.runId, existing.startRequestId);
    }
    const runTimeoutMs = msFromDur(req.workflowRunTimeout);
    const executionTimeoutMs = msFromDur(req.workflowExecutionTimeout);
    let startDelayMs = msFromDur(req.workflowStartDelay);
    if (req.cronSchedule) {
      if (startDelayMs > 0) throw invalidArgument('CronSchedule and WorkflowStartDelay may not be used together.');
      startDelayMs = cronBackoffMs(req.cronSchedule, e.now());
    }
    // As on the real server, no eager task when the first task is held back (start delay, cron).
    const eager = req.requestEagerExecution === true && startDelayMs === 0;
    const run = this.createRun({
      namespace,
      workflowId,
      workflowType: req.workflowType.name,
      taskQueue: req.taskQueue.name,
      input: req.input,
      header: req.header,
      runTimeoutMs: runTimeoutMs || executionTimeoutMs,
      executionTimeoutMs,
      workflowTaskTimeoutMs: workflowTaskTimeout(req.workflowTaskTimeout),
      identity: req.identity ?? '',
      requestId,
      memo: { ...(req.memo?.fields ?? {}) },
      searchAttributes,
      startDelayMs,
      retryPolicy: req.retryPolicy,
      cronSchedule: req.cronSchedule ?? undefined,
      lastCompletionResult: req.lastCompletionResult,
      continuedFailure: req.continuedFailure,
      parent,
      userMetadata: req.userMetadata,
      priority: priorityState(req.priority),
      eager,
      signal: withSignal
        ? { name: req.signalName ?? '', input: req.signalInput, header: req.header, identity: req.identity ?? '', requestId }
        : undefined,
    });
    const eagerWorkflowTask = eager ? e.workflowTasks.startEager(run, req.identity ?? '') : undefined;
    return { runId: run.runId, started: true, eagerWorkflowTask };
  }

  createRun(p: NewRun): Run {
    const e = this.engine;
    const now = e.now();
    const runId = p.runId ?? randomUUID();
    const executionExpiresAt = p.executionExpiresAt ?? (p.executionTimeoutMs > 0 ? now + p.executionTimeoutMs : undefined);
    const runEnd = p.runTimeoutMs > 0 ? now + p.runTimeoutMs : undefined;
    const runDeadline = runEnd !== undefined && executionExpiresAt !== undefined ? Math.min(runEnd, executionExpiresAt) : runEnd ?? executionExpiresAt;
    const retry = p.retryPolicy ? retryPolicyWithDefaults(p.retryPolicy) : undefined;
    const run: Run = {
      namespace: p.namespace,
      workflowId: p.workflowId,
      runId,
      firstRunId: p.firstRunId ?? runId,
      workflowType: p.workflowType,
      taskQueue: p.taskQueue,
      status: Status.WORKFLOW_EXECUTION_STATUS_RUNNING,
      startTime: now,
      executionTime: now + p.startDelayMs,
      runDeadline,
      executionExpiresAt,
      runTimeoutMs: p.runTimeoutMs,
      executionTimeoutMs: p.executionTimeoutMs,
      workflowTaskTimeoutMs: p.workflowTaskTimeoutMs,
      startRequestId: p.requestId,
      nextEventId: 1,
      lastCompletedStartedEventId: 0,
      wftAttempt: 1,
      wftNotBefore: p.startDelayMs > 0 ? now + p.startDelayMs : undefined,
      activities: {},
      timers: {},
      updates: {},
      children: {},
      parent: p.parent,
      cancelRequested: false,
      searchAttributes: p.searchAttributes,
      memo: p.memo,
      attempt: p.attempt ?? 1,
      retry,
      cronSchedule: p.cronSchedule || undefined,
      priority: p.priority,
      stateTransitionCount: 0,
      events: [],
      buffered: [],
    };
    e.addRun(run);
    const startedEvent = makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, {
      workflowType: { name: p.workflowType },
      taskQueue: { name: p.taskQueue, kind: NORMAL },
      input: p.input,
      workflowExecutionTimeout: durFromMs(p.executionTimeoutMs),
      workflowRunTimeout: durFromMs(p.runTimeoutMs),
      workflowTaskTimeout: durFromMs(p.workflowTaskTimeoutMs),
      continuedExecutionRunId: p.continuedFrom?.runId ?? '',
      initiator: p.initiator ?? 0,
      continuedFailure: p.continuedFailure,
      lastCompletionResult: p.lastCompletionResult,
      originalExecutionRunId: runId,
      identity: p.identity,
      firstExecutionRunId: run.firstRunId,
      retryPolicy: retry ? retryPolicyMessage(retry) : undefined,
      attempt: p.attempt ?? 1,
      cronSchedule: p.cronSchedule ?? '',
      workflowExecutionExpirationTime: executionExpiresAt !== undefined ? tsFromMs(executionExpiresAt) : undefined,
      firstWorkflowTaskBackoff: p.startDelayMs > 0 ? durFromMs(p.startDelayMs) : undefined,
      memo: { fields: p.memo },
      searchAttributes: { indexedFields: p.searchAttributes },
      header: p.header,
      workflowId: p.workflowId,
      ...(p.parent && {
        parentWorkflowNamespace: p.parent.namespace,
        parentWorkflowNamespaceId: e.namespaces.get(p.parent.namespace).id,
        parentWorkflowExecution: { workflowId: p.parent.workflowId, runId: p.parent.runId },
        parentInitiatedEventId: p.parent.initiatedEventId,
        rootWorkflowExecution: { workflowId: p.parent.rootWorkflowId, runId: p.parent.rootRunId },
      }),
      priority: p.priority,
    });
    if (p.userMetadata) startedEvent.userMetadata = p.userMetadata;
    e.append(run, startedEvent);
    if (p.signal) {
      e.append(
        run,
        makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, {
          signalName: p.signal.name,
          input: p.signal.input,
          header: p.signal.header,
          identity: p.signal.identity,
          requestId: p.signal.requestId,
        }),
      );
    }
    e.workflowTasks.schedule(run, false, p.eager);
    e.arm(run);
    return run;
  }

  signal(run: Run, signalName: string, input: common.IPayloads | null | undefined, header: common.IHeader | null | undefined, identity: string, requestId: string): void {
    if (!isOpen(run)) throw workflowCompleted();
    this.engine.addExternalEvents(run, [
      makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, { signalName, input, header, identity, requestId }),
    ]);
  }

  /** Cancel request from a client, or (`external`) from another workflow's command. */
  requestCancel(run: Run, reason: string, identity: string, external?: { initiatedEventId: number; execution: common.IWorkflowExecution }): void {
    if (!isOpen(run)) throw workflowCompleted();
    if (run.cancelRequested) return;
    run.cancelRequested = true;
    this.engine.addExternalEvents(run, [
      makeEvent(ET.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, {
        cause: reason,
        identity,
        externalInitiatedEventId: external?.initiatedEventId,
        externalWorkflowExecution: external?.execution,
      }),
    ]);
  }

  terminate(run: Run, reason: string, details: common.IPayloads | null | undefined, identity: string): void {
    if (!isOpen(run)) throw workflowCompleted();
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_TERMINATED, ET.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, { reason, details, identity });
  }

  complete(run: Run, a: temporal.api.command.v1.ICompleteWorkflowExecutionCommandAttributes, completedEventId: number): void {
    const next = afterCompletion(run, a.result, this.engine.now());
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_COMPLETED, ET.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, { result: a.result, workflowTaskCompletedEventId: completedEventId }, next);
  }

  fail(run: Run, a: temporal.api.command.v1.IFailWorkflowExecutionCommandAttributes, completedEventId: number): void {
    const { retryState, next } = afterFailure(run, a.failure ?? {}, this.engine.now());
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_FAILED, ET.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, { failure: a.failure, retryState, workflowTaskCompletedEventId: completedEventId }, next);
  }

  cancel(run: Run, a: temporal.api.command.v1.ICancelWorkflowExecutionCommandAttributes, completedEventId: number): void {
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_CANCELED, ET.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, {
      details: a.details,
      workflowTaskCompletedEventId: completedEventId,
    });
  }

  /** Run timeout: retried or continued by cron like a failure, unless the whole execution has expired. */
  timeOut(run: Run): void {
    const now = this.engine.now();
    const expired = run.executionExpiresAt !== undefined && run.executionExpiresAt <= now;
    const { retryState, next } = expired
      ? { retryState: enums.RetryState.RETRY_STATE_TIMEOUT, next: undefined }
      : afterFailure(run, { message: 'workflow timeout', source: 'Server', timeoutFailureInfo: { timeoutType: enums.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE } }, now);
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, ET.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, { retryState }, next);
  }

  continueAsNew(run: Run, a: temporal.api.command.v1.IContinueAsNewWorkflowExecutionCommandAttributes, completedEventId: number): void {
    const newRunId = randomUUID();
    const workflowType = a.workflowType?.name || run.workflowType;
    const taskQueue = a.taskQueue?.name || run.taskQueue;
    const runTimeoutMs = msFromDur(a.workflowRunTimeout) || run.runTimeoutMs;
    const workflowTaskTimeoutMs = msFromDur(a.workflowTaskTimeout) ? workflowTaskTimeout(a.workflowTaskTimeout) : run.workflowTaskTimeoutMs;
    const memo = a.memo?.fields ? { ...a.memo.fields } : { ...run.memo };
    const searchAttributes = a.searchAttributes?.indexedFields ? { ...a.searchAttributes.indexedFields } : { ...run.searchAttributes };
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW, ET.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, {
      newExecutionRunId: newRunId,
      workflowType: { name: workflowType },
      taskQueue: { name: taskQueue, kind: NORMAL },
      input: a.input,
      workflowRunTimeout: durFromMs(runTimeoutMs),
      workflowTaskTimeout: durFromMs(workflowTaskTimeoutMs),
      workflowTaskCompletedEventId: completedEventId,
      backoffStartInterval: a.backoffStartInterval,
      initiator: a.initiator,
      failure: a.failure,
      lastCompletionResult: a.lastCompletionResult,
      header: a.header,
      memo: { fields: memo },
      searchAttributes: { indexedFields: searchAttributes },
    });
    run.newRunId = newRunId;
    const newRun = this.createRun({
      namespace: run.namespace,
      workflowId: run.workflowId,
      runId: newRunId,
      workflowType,
      taskQueue,
      input: a.input,
      header: a.header,
      runTimeoutMs,
      executionTimeoutMs: run.executionTimeoutMs,
      executionExpiresAt: run.executionExpiresAt,
      workflowTaskTimeoutMs,
      identity: '',
      requestId: randomUUID(),
      memo,
      searchAttributes,
      startDelayMs: msFromDur(a.backoffStartInterval),
      firstRunId: run.firstRunId,
      continuedFrom: run,
      initiator: a.initiator,
      lastCompletionResult: a.lastCompletionResult,
      continuedFailure: a.failure,
      retryPolicy: a.retryPolicy,
      parent: run.parent,
      priority: run.priority,
    });
    this.engine.updates.onRunClosed(run, newRun);
  }

  /**
   * Appends the close event and drops everything pending on the run; with `next` (retry or cron), the close event
   * names the next run, which starts now (its first task after the backoff).
   */
  private close(run: Run, status: number, type: enums.EventType, attributes: object, next?: Continuation): void {
    const e = this.engine;
    const newRunId = next ? randomUUID() : undefined;
    const closeEvent = makeEvent(type, newRunId ? { ...attributes, newExecutionRunId: newRunId } : attributes);
    e.append(run, closeEvent);
    run.status = status;
    run.closeTime = e.now();
    run.wft = undefined;
    run.wftNotBefore = undefined;
    run.buffered = [];
    run.activities = {};
    run.timers = {};
    e.markClosed(run);
    e.touch(run);
    e.queries.dispatchWaiting(run);
    e.children.onParentClosed(run);
    if (next && newRunId) {
      run.newRunId = newRunId;
      e.updates.onRunClosed(run, this.startNext(run, newRunId, next));
    } else if (status !== Status.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      // After continue-as-new, pending updates move to the new run once it exists (see continueAsNew), and the
      // parent (and a schedule) hear from the chain's last run.
      e.updates.onRunClosed(run);
      e.children.onChildClosed(run, closeEvent);
      e.schedules.onWorkflowClosed(run, closeEvent);
    }
  }

  /** The retry's or cron's next run: the same start request, a new run id, the continuation's attempt and backoff. */
  private startNext(run: Run, runId: string, next: Continuation): Run {
    const started = run.events[0]?.workflowExecutionStartedEventAttributes ?? {};
    return this.createRun({
      namespace: run.namespace,
      workflowId: run.workflowId,
      runId,
      workflowType: run.workflowType,
      taskQueue: run.taskQueue,
      input: started.input,
      header: started.header,
      runTimeoutMs: run.runTimeoutMs,
      executionTimeoutMs: run.executionTimeoutMs,
      // Retries share the execution's deadline; each cron run gets its own.
      executionExpiresAt: next.initiator === enums.ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY ? run.executionExpiresAt : undefined,
      workflowTaskTimeoutMs: run.workflowTaskTimeoutMs,
      identity: started.identity ?? '',
      requestId: randomUUID(),
      memo: { ...run.memo },
      searchAttributes: { ...run.searchAttributes },
      startDelayMs: next.backoffMs,
      firstRunId: run.firstRunId,
      continuedFrom: run,
      initiator: next.initiator,
      lastCompletionResult: next.lastCompletionResult,
      continuedFailure: next.continuedFailure,
      retryPolicy: started.retryPolicy,
      attempt: next.attempt,
      cronSchedule: run.cronSchedule,
      parent: run.parent,
      priority: run.priority,
    });
  }
}

/** The run waits out a start delay (not a cron or retry backoff): signal-with-start and updates end it early. */
function isInStartDelay(run: Run): boolean {
  const started = run.events[0]?.workflowExecutionStartedEventAttributes;
  return awaitsFirstWorkflowTask(run) && !started?.initiator && !run.cronSchedule;
}

function workflowTaskTimeout(d: google.protobuf.IDuration | null | undefined): number {
  const ms = msFromDur(d);
  return ms > 0 ? Math.min(ms, MAX_WORKFLOW_TASK_TIMEOUT_MS) : DEFAULT_WORKFLOW_TASK_TIMEOUT_MS;
}
