/**
 * Workflow queries as legacy query tasks: a task carrying the full history and the query goes to the
 * workflow's task queue; the worker answers with RespondQueryTaskCompleted. While a workflow task is in
 * flight the query waits for it to finish, so the worker sees a consistent history. Closed runs are
 * queried the same way. While workflow tasks keep failing, or before the first task was ever scheduled (start
 * delay), the query is refused at once (WorkflowNotReady).
 */
import { randomUUID } from 'node:crypto';
import { GrpcCode, invalidArgument, ServiceError, taskNotFound, workflowNotReady } from '../errors';
import { enums, int64, temporal, wfs } from '../proto';
import { awaitsFirstWorkflowTask, isOpen, Run } from '../state/run';
import { decodeToken, encodeToken } from '../state/tokens';
import type { Engine } from './engine';

/** How long a query waits for a worker's answer before failing (the SDK client's own deadline is longer). */
export const QUERY_TIMEOUT_MS = 30_000;

/** From this workflow task attempt on (two failed in a row), a query fails at once, as on the real server. */
const FAIL_QUERY_WORKFLOW_TASK_ATTEMPT = 3;

interface PendingQuery {
  id: string;
  run: Run;
  query: temporal.api.query.v1.IWorkflowQuery;
  dispatched: boolean;
  resolve: (response: wfs.IQueryWorkflowResponse) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export class Queries {
  private readonly pending = new Map<string, PendingQuery>();

  constructor(private readonly engine: Engine) {}

  query(run: Run, query: temporal.api.query.v1.IWorkflowQuery): { result: Promise<wfs.IQueryWorkflowResponse>; cancel: () => void } {
    // The worker would have to replay the same failing task to answer: say so instead of waiting out the timeout.
    if (isOpen(run) && run.wftAttempt >= FAIL_QUERY_WORKFLOW_TASK_ATTEMPT) {
      throw workflowNotReady('Unable to query workflow due to Workflow Task in failed state.');
    }
    // No task was ever scheduled (start delay, cron or retry backoff): no worker could answer before it runs.
    if (awaitsFirstWorkflowTask(run)) throw workflowNotReady('Workflow task is not scheduled yet.');
    const id = randomUUID();
    let entry: PendingQuery | undefined;
    const result = new Promise<wfs.IQueryWorkflowResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ServiceError(GrpcCode.DEADLINE_EXCEEDED, 'query timed out: no worker answered'));
      }, QUERY_TIMEOUT_MS);
      entry = { id, run, query, dispatched: false, resolve, reject, timer };
    });
    const pending = entry as PendingQuery;
    this.pending.set(id, pending);
    if (!isOpen(run) || !run.wft) this.dispatch(pending);
    return {
      result,
      cancel: () => {
        if (!this.pending.delete(id)) return;
        clearTimeout(pending.timer);
        pending.reject(new ServiceError(GrpcCode.CANCELLED, 'query cancelled by the caller'));
      },
    };
  }

  /** Sends queries that waited for the run's workflow task to finish. */
  dispatchWaiting(run: Run): void {
    if (isOpen(run) && run.wft) return;
    for (const q of this.pending.values()) if (q.run === run && !q.dispatched) this.dispatch(q);
  }

  /** Poll response for a queued query task, or undefined if the query is gone. */
  start(queryId: string): wfs.IPollWorkflowTaskQueueResponse | undefined {
    const q = this.pending.get(queryId);
    if (!q) return undefined;
    const run = q.run;
    return {
      taskToken: encodeToken({ k: 'q', ns: run.namespace, q: q.id }),
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      workflowType: { name: run.workflowType },
      previousStartedEventId: int64(run.lastCompletedStartedEventId),
      startedEventId: int64(run.lastCompletedStartedEventId),
      attempt: 1,
      history: { events: run.events.slice() },
      query: q.query,
      workflowExecutionTaskQueue: { name: run.taskQueue, kind: enums.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    };
  }

  respond(req: wfs.IRespondQueryTaskCompletedRequest): void {
    const token = decodeToken(req.taskToken, 'q');
    const q = this.pending.get(token.q);
    if (!q) throw taskNotFound('Query task');
    this.pending.delete(q.id);
    clearTimeout(q.timer);
    if (req.completedType === enums.QueryResultType.QUERY_RESULT_TYPE_ANSWERED) q.resolve({ queryResult: req.queryResult });
    else q.reject(invalidArgument(req.errorMessage || req.failure?.message || 'query failed'));
  }

  close(): void {
    for (const q of this.pending.values()) {
      clearTimeout(q.timer);
      q.reject(new ServiceError(GrpcCode.UNAVAILABLE, 'server is shutting down'));
    }
    this.pending.clear();
  }

  private dispatch(q: PendingQuery): void {
    q.dispatched = true;
    this.engine.workflowQueues.push(q.run.namespace, q.run.taskQueue, { queryId: q.id });
  }
}
