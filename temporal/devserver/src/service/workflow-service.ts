/**
 * `temporal.api.workflowservice.v1.WorkflowService` handlers. Each mutating handler changes state
 * synchronously, then waits for the journal (group commit) before answering.
 */
import { randomUUID } from 'node:crypto';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { Engine } from '../engine/engine';
import type { UnaryHandler } from '../grpc/bind-service';
import { invalidArgument } from '../errors';
import { durFromMs, enums, wfs } from '../proto';
import { describeRun } from './executions';
import { DEFAULT_HISTORY_PAGE_SIZE, getHistory } from './history';
import { resetWorkflow, reverseHistory } from '../engine/reset';
import { pollTask, pollWindow } from './long-poll';
import { executeMultiOperation, pollUpdate, updateWorkflow } from './update-calls';
import { isSchedulerDivisionQuery } from '../schedules/schedule-visibility';
import { pauseActivities, resetActivities, unpauseActivities } from '../engine/activity-control';

/** Version reported by GetSystemInfo: the Temporal server release whose API this server follows. */
export const SERVER_VERSION = '1.29.0';

type Call = ServerUnaryCall<unknown, unknown>;

export function workflowServiceHandlers(engine: Engine): Record<string, UnaryHandler> {
  const ns = (name: string | null | undefined) => engine.namespaces.get(name).name;
  const committed = async <T>(value: T): Promise<T> => {
    await engine.commit();
    return value;
  };

  const handlers = {
    GetSystemInfo: (): wfs.IGetSystemInfoResponse => ({
      serverVersion: SERVER_VERSION,
      capabilities: {
        signalAndQueryHeader: true,
        internalErrorDifferentiation: true,
        activityFailureIncludeHeartbeat: true,
        encodedFailureAttributes: true,
        upsertMemo: true,
        sdkMetadata: true,
        countGroupByExecutionStatus: true,
        buildIdBasedVersioning: true,
      },
    }),

    GetClusterInfo: (): wfs.IGetClusterInfoResponse => ({
      serverVersion: SERVER_VERSION,
      clusterName: 'active',
      clusterId: 'lunas-devserver',
      historyShardCount: 1,
      persistenceStore: 'lunas-journal',
      visibilityStore: 'lunas-memory',
      supportedClients: {},
    }),

    DescribeNamespace: (req: wfs.IDescribeNamespaceRequest): wfs.IDescribeNamespaceResponse => {
      const info = engine.namespaces.get(req.namespace || req.id);
      return namespaceDescription(info);
    },

    ListNamespaces: (): wfs.IListNamespacesResponse => ({
      namespaces: engine.namespaces.list().map(namespaceDescription),
    }),

    RegisterNamespace: async (req: wfs.IRegisterNamespaceRequest): Promise<wfs.IRegisterNamespaceResponse> => {
      if (!req.namespace) throw invalidArgument('Namespace is not set on request.');
      engine.namespaces.register(req.namespace, req.description ?? '');
      await engine.saveMetadata();
      return {};
    },

    StartWorkflowExecution: (req: wfs.IStartWorkflowExecutionRequest): Promise<wfs.IStartWorkflowExecutionResponse> => {
      const { runId, started, eagerWorkflowTask } = engine.lifecycle.start(req, false);
      return committed({ runId, started, status: enums.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, eagerWorkflowTask });
    },

    SignalWithStartWorkflowExecution: (req: wfs.ISignalWithStartWorkflowExecutionRequest): Promise<wfs.ISignalWithStartWorkflowExecutionResponse> => {
      const { runId, started } = engine.lifecycle.start(req, true);
      return committed({ runId, started });
    },

    SignalWorkflowExecution: (req: wfs.ISignalWorkflowExecutionRequest): Promise<object> => {
      const run = engine.findRun(ns(req.namespace), req.workflowExecution?.workflowId, req.workflowExecution?.runId);
      if (!req.signalName) throw invalidArgument('SignalName is not set on request.');
      engine.lifecycle.signal(run, req.signalName, req.input, req.header, req.identity ?? '', req.requestId || randomUUID());
      return committed({});
    },

    RequestCancelWorkflowExecution: (req: wfs.IRequestCancelWorkflowExecutionRequest): Promise<object> => {
      const run = engine.findRun(ns(req.namespace), req.workflowExecution?.workflowId, req.workflowExecution?.runId);
      engine.lifecycle.requestCancel(run, req.reason ?? '', req.identity ?? '');
      return committed({});
    },

    TerminateWorkflowExecution: (req: wfs.ITerminateWorkflowExecutionRequest): Promise<object> => {
      const run = engine.findRun(ns(req.namespace), req.workflowExecution?.workflowId, req.workflowExecution?.runId);
      engine.lifecycle.terminate(run, req.reason ?? '', req.details, req.identity ?? '');
      return committed({});
    },

    DescribeWorkflowExecution: (req: wfs.IDescribeWorkflowExecutionRequest): wfs.IDescribeWorkflowExecutionResponse =>
      describeRun(engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId)),

    GetWorkflowExecutionHistory: (req: wfs.IGetWorkflowExecutionHistoryRequest, call: Call) => getHistory(engine, req, call),

    GetWorkflowExecutionHistoryReverse: (req: wfs.IGetWorkflowExecutionHistoryReverseRequest): wfs.IGetWorkflowExecutionHistoryReverseResponse => {
      const run = engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId);
      return reverseHistory(run, req.maximumPageSize && req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_HISTORY_PAGE_SIZE, req.nextPageToken);
    },

    ResetWorkflowExecution: (req: wfs.IResetWorkflowExecutionRequest): Promise<wfs.IResetWorkflowExecutionResponse> => {
      const run = engine.findRun(ns(req.namespace), req.workflowExecution?.workflowId, req.workflowExecution?.runId);
      return committed({ runId: resetWorkflow(engine, run, req) });
    },

    QueryWorkflow: async (req: wfs.IQueryWorkflowRequest, call: Call): Promise<wfs.IQueryWorkflowResponse> => {
      const run = engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId);
      if (!req.query?.queryType) throw invalidArgument('QueryType is not set on request.');
      const { result, cancel } = engine.queries.query(run, req.query);
      call.on('cancelled', cancel);
      return result;
    },

    PollWorkflowTaskQueue: async (req: wfs.IPollWorkflowTaskQueueRequest, call: Call): Promise<wfs.IPollWorkflowTaskQueueResponse> => {
      const namespace = ns(req.namespace);
      if (!req.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
      const identity = req.identity ?? '';
      engine.workers.polled(namespace, req.taskQueue.name, identity);
      const task = await pollTask(
        engine.workflowQueues,
        namespace,
        req.taskQueue.name,
        (item) => ('queryId' in item ? engine.queries.start(item.queryId) : engine.workflowTasks.start(item, identity)),
        pollWindow(call, engine.longPollMs),
        call,
      );
      return committed(task ?? {});
    },

    RespondWorkflowTaskCompleted: (req: wfs.IRespondWorkflowTaskCompletedRequest) => committed(engine.workflowTasks.complete(req)),

    RespondWorkflowTaskFailed: (req: wfs.IRespondWorkflowTaskFailedRequest) => {
      engine.workflowTasks.failByWorker(req);
      return committed({});
    },

    RespondQueryTaskCompleted: (req: wfs.IRespondQueryTaskCompletedRequest) => {
      engine.queries.respond(req);
      return {};
    },

    PollActivityTaskQueue: async (req: wfs.IPollActivityTaskQueueRequest, call: Call): Promise<wfs.IPollActivityTaskQueueResponse> => {
      const namespace = ns(req.namespace);
      if (!req.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
      const identity = req.identity ?? '';
      engine.workers.polled(namespace, req.taskQueue.name, identity);
      const task = await pollTask(
        engine.activityQueues,
        namespace,
        req.taskQueue.name,
        (item) => engine.activities.start(item, identity),
        pollWindow(call, engine.longPollMs),
        call,
      );
      return committed(task ?? {});
    },

    RecordActivityTaskHeartbeat: (req: wfs.IRecordActivityTaskHeartbeatRequest) => {
      const { run, activity } = engine.activities.byToken(req.taskToken);
      return committed(engine.activities.heartbeat(run, activity, req.details));
    },

    RecordActivityTaskHeartbeatById: (req: wfs.IRecordActivityTaskHeartbeatByIdRequest) => {
      const { run, activity } = engine.activities.byId(activityRef(ns(req.namespace), req));
      return committed(engine.activities.heartbeat(run, activity, req.details));
    },

    RespondActivityTaskCompleted: (req: wfs.IRespondActivityTaskCompletedRequest) => {
      const { run, activity } = engine.activities.byToken(req.taskToken);
      engine.activities.complete(run, activity, req.result, req.identity ?? '');
      return committed({});
    },

    RespondActivityTaskCompletedById: (req: wfs.IRespondActivityTaskCompletedByIdRequest) => {
      const { run, activity } = engine.activities.byId(activityRef(ns(req.namespace), req));
      engine.activities.complete(run, activity, req.result, req.identity ?? '');
      return committed({});
    },

    RespondActivityTaskFailed: (req: wfs.IRespondActivityTaskFailedRequest) => {
      const { run, activity } = engine.activities.byToken(req.taskToken);
      engine.activities.fail(run, activity, req.failure ?? { message: 'activity failed' }, req.identity ?? '', req.lastHeartbeatDetails);
      return committed({});
    },

    RespondActivityTaskFailedById: (req: wfs.IRespondActivityTaskFailedByIdRequest) => {
      const { run, activity } = engine.activities.byId(activityRef(ns(req.namespace), req));
      engine.activities.fail(run, activity, req.failure ?? { message: 'activity failed' }, req.identity ?? '', req.lastHeartbeatDetails);
      return committed({});
    },

    RespondActivityTaskCanceled: (req: wfs.IRespondActivityTaskCanceledRequest) => {
      const { run, activity } = engine.activities.byToken(req.taskToken);
      engine.activities.canceled(run, activity, req.details, req.identity ?? '');
      return committed({});
    },

    RespondActivityTaskCanceledById: (req: wfs.IRespondActivityTaskCanceledByIdRequest) => {
      const { run, activity } = engine.activities.byId(activityRef(ns(req.namespace), req));
      engine.activities.canceled(run, activity, req.details, req.identity ?? '');
      return committed({});
    },

    PauseActivity: (req: wfs.IPauseActivityRequest): Promise<wfs.IPauseActivityResponse> => {
      pauseActivities(engine, engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId), req);
      return committed({});
    },

    UnpauseActivity: (req: wfs.IUnpauseActivityRequest): Promise<wfs.IUnpauseActivityResponse> => {
      unpauseActivities(engine, engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId), req);
      return committed({});
    },

    ResetActivity: (req: wfs.IResetActivityRequest): Promise<wfs.IResetActivityResponse> => {
      resetActivities(engine, engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId), req);
      return committed({});
    },

    StartActivityExecution: (req: wfs.IStartActivityExecutionRequest) => committed(engine.standaloneActivities.start(req)),

    DescribeActivityExecution: (req: wfs.IDescribeActivityExecutionRequest, call: Call) => engine.standaloneActivities.describe(req, call),

    PollActivityExecution: (req: wfs.IPollActivityExecutionRequest, call: Call) => engine.standaloneActivities.poll(req, call),

    ListActivityExecutions: (req: wfs.IListActivityExecutionsRequest) => engine.standaloneActivities.list(req),

    CountActivityExecutions: (req: wfs.ICountActivityExecutionsRequest) => engine.standaloneActivities.count(req),

    RequestCancelActivityExecution: (req: wfs.IRequestCancelActivityExecutionRequest) => committed(engine.standaloneActivities.requestCancel(req)),

    TerminateActivityExecution: (req: wfs.ITerminateActivityExecutionRequest) => committed(engine.standaloneActivities.terminate(req)),

    DeleteActivityExecution: (req: wfs.IDeleteActivityExecutionRequest) => committed(engine.standaloneActivities.delete(req)),

    PauseActivityExecution: (req: wfs.IPauseActivityExecutionRequest) => committed(engine.standaloneActivities.pause(req)),

    UnpauseActivityExecution: (req: wfs.IUnpauseActivityExecutionRequest) => committed(engine.standaloneActivities.unpause(req)),

    ResetActivityExecution: (req: wfs.IResetActivityExecutionRequest) => committed(engine.standaloneActivities.reset(req)),

    UpdateWorkflowExecution: (req: wfs.IUpdateWorkflowExecutionRequest, call: Call) => updateWorkflow(engine, req, call),

    PollWorkflowExecutionUpdate: (req: wfs.IPollWorkflowExecutionUpdateRequest, call: Call) => pollUpdate(engine, req, call),

    ExecuteMultiOperation: (req: wfs.IExecuteMultiOperationRequest, call: Call) => executeMultiOperation(engine, req, call),

    ShutdownWorker: (req: wfs.IShutdownWorkerRequest): wfs.IShutdownWorkerResponse => {
      if (req.stickyTaskQueue) engine.workflowTasks.shutdownStickyQueue(ns(req.namespace), req.stickyTaskQueue);
      engine.workerShutDown(ns(req.namespace), req.identity ?? '');
      return {};
    },

    ResetStickyTaskQueue: (req: wfs.IResetStickyTaskQueueRequest): wfs.IResetStickyTaskQueueResponse => {
      const run = engine.findRun(ns(req.namespace), req.execution?.workflowId, req.execution?.runId);
      engine.workflowTasks.resetSticky(run);
      return {};
    },

    ListWorkflowExecutions: (req: wfs.IListWorkflowExecutionsRequest) => engine.visibility.list(req, ns(req.namespace)),

    ScanWorkflowExecutions: (req: wfs.IScanWorkflowExecutionsRequest) => engine.visibility.list(req, ns(req.namespace)),

    CountWorkflowExecutions: (req: wfs.ICountWorkflowExecutionsRequest) =>
      isSchedulerDivisionQuery(req.query) ? engine.schedules.count(req) : engine.visibility.count(req, ns(req.namespace)),

    CreateSchedule: (req: wfs.ICreateScheduleRequest) => committed(engine.schedules.create(req)),

    DescribeSchedule: (req: wfs.IDescribeScheduleRequest) => engine.schedules.describe(req),

    UpdateSchedule: (req: wfs.IUpdateScheduleRequest) => committed(engine.schedules.update(req)),

    PatchSchedule: (req: wfs.IPatchScheduleRequest) => committed(engine.schedules.patch(req)),

    DeleteSchedule: (req: wfs.IDeleteScheduleRequest) => committed(engine.schedules.delete(req)),

    ListSchedules: (req: wfs.IListSchedulesRequest) => engine.schedules.list(req),

    CountSchedules: (req: wfs.ICountSchedulesRequest) => engine.schedules.count(req),

    ListScheduleMatchingTimes: (req: wfs.IListScheduleMatchingTimesRequest) => engine.schedules.matchingTimes(req),

    GetSearchAttributes: (): wfs.IGetSearchAttributesResponse => ({ keys: engine.visibility.allKeys(engine.namespaces.list().map((n) => n.name)) }),
  };
  return handlers as unknown as Record<string, UnaryHandler>;
}

function activityRef(namespace: string, req: { workflowId?: string | null; runId?: string | null; activityId?: string | null }) {
  if (!req.workflowId || !req.activityId) throw invalidArgument('WorkflowId and ActivityId are required.');
  return { namespace, workflowId: req.workflowId, runId: req.runId, activityId: req.activityId };
}

function namespaceDescription(info: { name: string; id: string; description: string; retentionDays: number }): wfs.IDescribeNamespaceResponse {
  return {
    namespaceInfo: {
      name: info.name,
      id: info.id,
      description: info.description,
      state: enums.NamespaceState.NAMESPACE_STATE_REGISTERED,
      capabilities: { eagerWorkflowStart: false, syncUpdate: true, asyncUpdate: true },
    },
    config: { workflowExecutionRetentionTtl: durFromMs(info.retentionDays * 86_400_000) },
    isGlobalNamespace: false,
  };
}
