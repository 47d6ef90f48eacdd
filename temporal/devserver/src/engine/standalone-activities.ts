/**
 * Standalone activities (`StartActivityExecution` and its describe, poll, list, count, cancel, terminate and
 * delete calls; pause, unpause and reset through the `…ActivityExecution` calls without a workflow id). Each one
 * is hosted by an internal run that is never a workflow (not listed, not found by workflow id) and holds the one
 * activity, so dispatch, heartbeats, timeouts, retries, pause and reset are those of workflow activities; when the
 * activity ends, its outcome closes the run instead of going into a workflow's history.
 */
import { randomUUID } from 'node:crypto';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import { GrpcCode, invalidArgument, notFound, ServiceError } from '../errors';
import { common, durFromMs, encode, enums, failure, HistoryEvent, int64, msFromDur, temporal, tsFromMs, wfs } from '../proto';
import { ET } from '../state/events';
import { ActivityState, freshRunParts, isOpen, Run } from '../state/run';
import { compileQuery, ExecutionRecord, IndexedValueType, SearchAttributeRegistry } from '../visibility';
import { pauseActivities, resetActivities, unpauseActivities } from './activity-control';
import type { Engine } from './engine';
import { asServiceErrors, ExtendedAttributes } from './visibility';
import { pollWindow, waitUntil } from '../service/long-poll';
import { pendingActivity } from '../service/executions';

const Status = enums.WorkflowExecutionStatus;
const ActivityStatus = temporal.api.enums.v1.ActivityExecutionStatus;
const Reuse = temporal.api.enums.v1.ActivityIdReusePolicy;
const Conflict = temporal.api.enums.v1.ActivityIdConflictPolicy;
const DEFAULT_PAGE_SIZE = 1000;

type Call = ServerUnaryCall<unknown, unknown>;
type Outcome = temporal.api.activity.v1.IActivityExecutionOutcome;

/** Closing history events of an activity → the host run's status and the activity's status. */
const CLOSED_BY_EVENT: Readonly<Record<number, [number, number]>> = {
  [ET.EVENT_TYPE_ACTIVITY_TASK_COMPLETED]: [Status.WORKFLOW_EXECUTION_STATUS_COMPLETED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED],
  [ET.EVENT_TYPE_ACTIVITY_TASK_FAILED]: [Status.WORKFLOW_EXECUTION_STATUS_FAILED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_FAILED],
  [ET.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT]: [Status.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, ActivityStatus.ACTIVITY_EXECUTION_STATUS_TIMED_OUT],
  [ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED]: [Status.WORKFLOW_EXECUTION_STATUS_CANCELED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_CANCELED],
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

export class StandaloneActivities {
  /** `namespace \0 activityId` → run id of the latest execution. */
  private readonly latest = new Map<string, string>();
  private readonly attributes: SearchAttributeRegistry;

  constructor(private readonly engine: Engine) {
    this.attributes = new ExtendedAttributes(engine.visibility.registry, {
      ActivityId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ActivityType: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    });
  }

  start(req: wfs.IStartActivityExecutionRequest): wfs.IStartActivityExecutionResponse {
    const e = this.engine;
    const namespace = e.namespaces.get(req.namespace).name;
    const activityId = req.activityId ?? '';
    if (!activityId) throw invalidArgument('ActivityId is not set on request.');
    if (!req.activityType?.name) throw invalidArgument('ActivityType is not set on request.');
    if (!req.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
    if (msFromDur(req.startToCloseTimeout) <= 0 && msFromDur(req.scheduleToCloseTimeout) <= 0) {
      throw invalidArgument('A valid StartToClose or ScheduleToCloseTimeout is not set on request.');
    }
    const existing = this.runs(namespace, activityId, undefined)[0];
    if (existing) {
      if (req.requestId && existing.startRequestId === req.requestId) return { runId: existing.runId, started: true };
      if (isOpen(existing)) {
        if (req.idConflictPolicy === Conflict.ACTIVITY_ID_CONFLICT_POLICY_USE_EXISTING) return { runId: existing.runId, started: false };
        throw alreadyStarted(activityId, existing);
      }
      const succeeded = existing.standalone?.closedStatus === ActivityStatus.ACTIVITY_EXECUTION_STATUS_COMPLETED;
      if (req.idReusePolicy === Reuse.ACTIVITY_ID_REUSE_POLICY_REJECT_DUPLICATE || (req.idReusePolicy === Reuse.ACTIVITY_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY && succeeded)) {
        throw alreadyStarted(activityId, existing);
      }
    }
    const now = e.now();
    const runId = randomUUID();
    const run: Run = {
      namespace,
      workflowId: '',
      runId,
      firstRunId: runId,
      workflowType: '',
      taskQueue: req.taskQueue.name,
      status: Status.WORKFLOW_EXECUTION_STATUS_RUNNING,
      startTime: now,
      executionTime: now,
      runTimeoutMs: 0,
      executionTimeoutMs: 0,
      workflowTaskTimeoutMs: 0,
      startRequestId: req.requestId || randomUUID(),
      nextEventId: 1,
      ...freshRunParts(),
      searchAttributes: e.visibility.validateStart(namespace, req.searchAttributes?.indexedFields),
      memo: {},
      events: [],
      standalone: { activityId },
    };
    this.register(run);
    e.activities.schedule(
      run,
      {
        activityId,
        activityType: req.activityType,
        taskQueue: req.taskQueue,
        header: req.header,
        input: req.input,
        scheduleToCloseTimeout: req.scheduleToCloseTimeout,
        scheduleToStartTimeout: req.scheduleToStartTimeout,
        startToCloseTimeout: req.startToCloseTimeout,
        heartbeatTimeout: req.heartbeatTimeout,
        retryPolicy: req.retryPolicy,
      },
      0,
      true,
    );
    e.arm(run);
    return { runId, started: true };
  }

  /** The activity of a host run ended with this closing event (see `Activities`). */
  closed(run: Run, activity: ActivityState, event: HistoryEvent): void {
    const [status, activityStatus] = CLOSED_BY_EVENT[event.eventType as number] ?? [Status.WORKFLOW_EXECUTION_STATUS_FAILED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_FAILED];
    const attributes = (event.activityTaskCompletedEventAttributes ??
      event.activityTaskFailedEventAttributes ??
      event.activityTaskTimedOutEventAttributes ??
      event.activityTaskCanceledEventAttributes ??
      {}) as { result?: common.IPayloads | null; failure?: failure.IFailure | null; retryState?: number | null; details?: common.IPayloads | null };
    const standalone = run.standalone ?? { activityId: '' };
    standalone.attempt = activity.attempt;
    const outcome: failure.IFailure | undefined =
      event.eventType === ET.EVENT_TYPE_ACTIVITY_TASK_CANCELED
        ? { message: 'Activity canceled', canceledFailureInfo: { details: attributes.details } }
        : (attributes.failure ?? undefined);
    if (attributes.result) standalone.result = b64(encode(common.Payloads, attributes.result));
    if (outcome) standalone.failure = b64(encode(failure.Failure, outcome));
    standalone.retryState = attributes.retryState ?? undefined;
    this.close(run, status, activityStatus);
  }

  describe(req: wfs.IDescribeActivityExecutionRequest, call: Call): Promise<wfs.IDescribeActivityExecutionResponse> | wfs.IDescribeActivityExecutionResponse {
    const run = this.find(req.namespace, req.activityId, req.runId);
    const answer = (): wfs.IDescribeActivityExecutionResponse => ({
      runId: run.runId,
      info: this.info(run, req.includeHeartbeatDetails !== false, req.includeLastFailure !== false),
      input: req.includeInput ? this.scheduled(run).input : undefined,
      outcome: req.includeOutcome ? this.outcome(run) : undefined,
      longPollToken: Buffer.from(String(run.stateTransitionCount)),
    });
    const token = req.longPollToken && req.longPollToken.length > 0 ? Buffer.from(req.longPollToken).toString() : undefined;
    if (token === undefined) return answer();
    return waitUntil(
      () => String(run.stateTransitionCount) !== token,
      (listener) => this.engine.watchHistory(run.runId, listener),
      pollWindow(call, this.engine.longPollMs),
      call,
    ).then(answer);
  }

  /** The outcome once the activity closed (the client polls again on an empty answer). */
  async poll(req: wfs.IPollActivityExecutionRequest, call: Call): Promise<wfs.IPollActivityExecutionResponse> {
    const run = this.find(req.namespace, req.activityId, req.runId);
    await waitUntil(() => !isOpen(run), (listener) => this.engine.watchHistory(run.runId, listener), pollWindow(call, this.engine.longPollMs), call);
    return { runId: run.runId, outcome: this.outcome(run) };
  }

  list(req: wfs.IListActivityExecutionsRequest): wfs.IListActivityExecutionsResponse {
    const namespace = this.engine.namespaces.get(req.namespace).name;
    const pageSize = req.pageSize && req.pageSize > 0 ? req.pageSize : DEFAULT_PAGE_SIZE;
    const offset = req.nextPageToken && req.nextPageToken.length > 0 ? Number(Buffer.from(req.nextPageToken).toString()) || 0 : 0;
    const all = this.matching(namespace, req.query);
    return {
      executions: all.slice(offset, offset + pageSize).map((run) => {
        const activity = this.activityOf(run);
        return {
          activityId: run.standalone?.activityId,
          runId: run.runId,
          activityType: { name: activity?.activityType ?? this.scheduled(run).activityType?.name ?? '' },
          scheduleTime: tsFromMs(run.startTime),
          closeTime: run.closeTime !== undefined ? tsFromMs(run.closeTime) : undefined,
          status: this.status(run),
          searchAttributes: { indexedFields: run.searchAttributes },
          taskQueue: run.taskQueue,
          stateTransitionCount: int64(run.stateTransitionCount),
          executionDuration: run.closeTime !== undefined ? durFromMs(run.closeTime - run.startTime) : undefined,
          executionTime: tsFromMs(run.executionTime),
        };
      }),
      nextPageToken: offset + pageSize < all.length ? Buffer.from(String(offset + pageSize)) : undefined,
    };
  }

  count(req: wfs.ICountActivityExecutionsRequest): wfs.ICountActivityExecutionsResponse {
    const namespace = this.engine.namespaces.get(req.namespace).name;
    return { count: int64(this.matching(namespace, req.query).length), groups: [] };
  }

  requestCancel(req: wfs.IRequestCancelActivityExecutionRequest): object {
    const run = this.openRun(req.namespace, req.activityId, req.runId);
    const activity = this.activityOf(run);
    if (!run.standalone || !activity) return {};
    run.standalone.canceledReason = req.reason ?? '';
    if (activity.phase === 'started') {
      activity.cancelRequestedEventId = 0;
      this.engine.touch(run);
      return {};
    }
    delete run.activities[activity.scheduledEventId];
    run.standalone.attempt = activity.attempt;
    run.standalone.failure = b64(encode(failure.Failure, { message: req.reason || 'Activity canceled', canceledFailureInfo: { identity: req.identity ?? '' } }));
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_CANCELED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_CANCELED);
    return {};
  }

  terminate(req: wfs.ITerminateActivityExecutionRequest): object {
    const run = this.openRun(req.namespace, req.activityId, req.runId);
    if (run.standalone) run.standalone.attempt = this.activityOf(run)?.attempt;
    run.activities = {};
    if (run.standalone) run.standalone.failure = b64(encode(failure.Failure, { message: req.reason ?? '', terminatedFailureInfo: { identity: req.identity ?? '' } }));
    this.close(run, Status.WORKFLOW_EXECUTION_STATUS_TERMINATED, ActivityStatus.ACTIVITY_EXECUTION_STATUS_TERMINATED);
    return {};
  }

  delete(req: wfs.IDeleteActivityExecutionRequest): object {
    const run = this.find(req.namespace, req.activityId, req.runId);
    if (isOpen(run)) this.terminate({ ...req, reason: 'deleted' });
    this.engine.runs.delete(run.runId);
    const key = this.key(run.namespace, run.standalone?.activityId ?? '');
    if (this.latest.get(key) === run.runId) this.latest.delete(key);
    return {};
  }

  /** `Pause…`, `Unpause…` and `ResetActivityExecution`: an activity of the given workflow, or a standalone one. */
  pause(req: wfs.IPauseActivityExecutionRequest): object {
    pauseActivities(this.engine, this.target(req), { id: req.activityId, identity: req.identity, reason: req.reason });
    return {};
  }

  unpause(req: wfs.IUnpauseActivityExecutionRequest): object {
    unpauseActivities(this.engine, this.target(req), { id: req.activityId, identity: req.identity, jitter: req.jitter });
    return {};
  }

  reset(req: wfs.IResetActivityExecutionRequest): object {
    const { activityId: id, identity, keepPaused, jitter, resetHeartbeat } = req;
    resetActivities(this.engine, this.target(req), { id, identity, keepPaused, jitter, resetHeartbeat });
    return {};
  }

  /** A host run restored from the journal. */
  recovered(run: Run): void {
    const key = this.key(run.namespace, run.standalone?.activityId ?? '');
    const current = this.engine.runs.get(this.latest.get(key) ?? '');
    if (!current || current.startTime <= run.startTime) this.latest.set(key, run.runId);
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private register(run: Run): void {
    const e = this.engine;
    e.runs.set(run.runId, run);
    e.openRuns.add(run);
    this.latest.set(this.key(run.namespace, run.standalone?.activityId ?? ''), run.runId);
    e.touch(run);
  }

  private close(run: Run, status: number, activityStatus: number): void {
    const e = this.engine;
    run.status = status;
    run.closeTime = e.now();
    if (run.standalone) run.standalone.closedStatus = activityStatus;
    e.markClosed(run);
    e.touch(run);
  }

  private key(namespace: string, activityId: string): string {
    return `${namespace}\u0000${activityId}`;
  }

  /** The executions of an activity id: the given run, or the latest. */
  private runs(namespace: string, activityId: string, runId: string | null | undefined): Run[] {
    const run = this.engine.runs.get(runId || this.latest.get(this.key(namespace, activityId)) || '');
    return run?.standalone && run.namespace === namespace && run.standalone.activityId === activityId ? [run] : [];
  }

  private find(namespaceName: string | null | undefined, activityId: string | null | undefined, runId: string | null | undefined): Run {
    const namespace = this.engine.namespaces.get(namespaceName).name;
    if (!activityId) throw invalidArgument('ActivityId is not set on request.');
    const run = this.runs(namespace, activityId, runId)[0];
    if (!run) throw notFound(`activity execution not found for activity ID "${activityId}" and run ID "${runId ?? ''}"`);
    return run;
  }

  private openRun(namespace: string | null | undefined, activityId: string | null | undefined, runId: string | null | undefined): Run {
    const run = this.find(namespace, activityId, runId);
    if (!isOpen(run)) throw notFound('activity execution already completed');
    return run;
  }

  /** The workflow run named by `workflowId`, else the standalone activity's open run. */
  private target(req: { namespace?: string | null; workflowId?: string | null; activityId?: string | null; runId?: string | null }): Run {
    if (!req.workflowId) return this.openRun(req.namespace, req.activityId, req.runId);
    return this.engine.findRun(this.engine.namespaces.get(req.namespace).name, req.workflowId, req.runId);
  }

  private activityOf(run: Run): ActivityState | undefined {
    return Object.values(run.activities)[0];
  }

  private scheduled(run: Run): temporal.api.history.v1.IActivityTaskScheduledEventAttributes {
    return run.events[0]?.activityTaskScheduledEventAttributes ?? {};
  }

  private status(run: Run): number {
    if (!isOpen(run)) return run.standalone?.closedStatus ?? ActivityStatus.ACTIVITY_EXECUTION_STATUS_UNSPECIFIED;
    return this.activityOf(run)?.phase === 'paused' ? ActivityStatus.ACTIVITY_EXECUTION_STATUS_PAUSED : ActivityStatus.ACTIVITY_EXECUTION_STATUS_RUNNING;
  }

  private outcome(run: Run): Outcome | undefined {
    const s = run.standalone;
    if (!s || isOpen(run)) return undefined;
    if (s.result !== undefined) return { result: common.Payloads.decode(unb64(s.result)) };
    return { failure: s.failure ? failure.Failure.decode(unb64(s.failure)) : undefined, retryState: s.retryState };
  }

  private info(run: Run, withHeartbeat: boolean, withLastFailure: boolean): temporal.api.activity.v1.IActivityExecutionInfo {
    const scheduled = this.scheduled(run);
    const activity = this.activityOf(run);
    const pending = activity ? pendingActivity(activity) : {};
    return {
      activityId: run.standalone?.activityId,
      runId: run.runId,
      activityType: scheduled.activityType,
      status: this.status(run),
      runState: pending.state ?? undefined,
      taskQueue: run.taskQueue,
      scheduleToCloseTimeout: scheduled.scheduleToCloseTimeout,
      scheduleToStartTimeout: scheduled.scheduleToStartTimeout,
      startToCloseTimeout: scheduled.startToCloseTimeout,
      heartbeatTimeout: scheduled.heartbeatTimeout,
      retryPolicy: scheduled.retryPolicy,
      heartbeatDetails: withHeartbeat ? pending.heartbeatDetails : undefined,
      lastHeartbeatTime: pending.lastHeartbeatTime,
      lastStartedTime: pending.lastStartedTime,
      attempt: pending.attempt ?? run.standalone?.attempt,
      scheduleTime: tsFromMs(run.startTime),
      expirationTime: pending.expirationTime,
      closeTime: run.closeTime !== undefined ? tsFromMs(run.closeTime) : undefined,
      executionDuration: run.closeTime !== undefined ? durFromMs(run.closeTime - run.startTime) : undefined,
      lastFailure: withLastFailure ? pending.lastFailure : undefined,
      lastWorkerIdentity: pending.lastWorkerIdentity ?? undefined,
      nextAttemptScheduleTime: pending.nextAttemptScheduleTime,
      stateTransitionCount: int64(run.stateTransitionCount),
      searchAttributes: { indexedFields: run.searchAttributes },
      header: scheduled.header,
      canceledReason: run.standalone?.canceledReason ?? '',
      executionTime: tsFromMs(run.executionTime),
    };
  }

  private matching(namespace: string, query: string | null | undefined): Run[] {
    const all = [...this.latest.values()]
      .map((runId) => this.engine.runs.get(runId))
      .filter((run): run is Run => run !== undefined && run.namespace === namespace)
      .sort((a, b) => b.startTime - a.startTime || a.runId.localeCompare(b.runId));
    if (!query?.trim()) return all;
    const compiled = asServiceErrors(() => compileQuery(query, namespace, this.attributes));
    return all.filter((run) => compiled.matches(this.record(run)));
  }

  private record(run: Run): ExecutionRecord {
    const activityId = run.standalone?.activityId ?? '';
    const activityType = this.scheduled(run).activityType?.name ?? '';
    return {
      namespace: run.namespace,
      workflowId: activityId,
      runId: run.runId,
      workflowType: activityType,
      taskQueue: run.taskQueue,
      status: run.status,
      startTime: new Date(run.startTime),
      executionTime: new Date(run.executionTime),
      closeTime: run.closeTime !== undefined ? new Date(run.closeTime) : undefined,
      historyLength: 0,
      searchAttributes: { ...this.engine.visibility.decoded(run.namespace, run.searchAttributes), ActivityId: activityId, ActivityType: activityType },
    };
  }
}

function alreadyStarted(activityId: string, run: Run): ServiceError {
  return new ServiceError(GrpcCode.ALREADY_EXISTS, `Activity execution is already started. ActivityId: ${activityId}, RunId: ${run.runId}.`, [
    {
      typeName: 'temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure',
      value: encode(temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure, { startRequestId: run.startRequestId, runId: run.runId }),
    },
  ]);
}
