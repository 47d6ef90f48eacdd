import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  Client,
  Connection,
  type WorkflowExecutionDescription,
  type WorkflowExecutionStatusName,
  WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import {
  BILLING_TASK_QUEUE,
  LunasSearchAttributes,
  StateConflict,
  SUBSCRIPTION_WORKFLOW_TYPE,
  subscriptionWorkflowId,
  type SubscriptionWorkflowInput,
} from '@lunas/contracts';
import { dependencyUnavailable, unreachableDependency } from '../common/outage';
import { TEMPORAL_CONNECTION } from './temporal-connection.token';

/**
 * How long one call may take, retries included (10 s): an update waits for the workflow to run its
 * handler, which takes well under a second; past this the operator gets a clear 503 instead of a hang.
 */
const CALL_TIMEOUT_MS = 10_000;

/** Refusals of an action the subscription's state makes pointless or impossible: 409, not 400. */
const STATE_CONFLICTS = new Set<string>(Object.values(StateConflict));
const WORKFLOW_MISSING = 'Proses penagihan langganan ini belum berjalan atau sudah berakhir.';
const NOT_STOPPED = 'Alur kerja langganan ini tidak berhenti; tidak ada yang perlu dimulai ulang.';

/** How a run ended that leaves its subscription without a running workflow (nothing is issued or dunned). */
export type WorkflowEnding = 'failed' | 'terminated' | 'timed_out' | 'cancelled';
const ENDINGS: Partial<Record<WorkflowExecutionStatusName, WorkflowEnding>> = {
  FAILED: 'failed',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
  CANCELLED: 'cancelled',
};
/** The same statuses as visibility names them. */
const STOPPED_VISIBILITY_STATUSES = ['Failed', 'Terminated', 'TimedOut', 'Canceled'];

/** What visibility knows of a running subscription workflow (its search attributes). */
export interface WorkflowSearchState {
  stage: string | null;
  suspended: boolean | null;
  overdueSince: Date | null;
  invoiceNumber: string | null;
}

/** The latest run of a subscription workflow: its status and, if it stopped, how and when. */
export interface WorkflowRunStatus {
  status: WorkflowExecutionStatusName;
  stopped?: { ending: WorkflowEnding; at: Date | undefined };
}

/**
 * A subscription workflow whose latest run stopped (failed, terminated e.g. from the Web UI, timed out, cancelled): it
 * issues and duns nothing until an operator restarts it.
 */
export interface StoppedSubscriptionWorkflow {
  workflowId: string;
  runId: string;
  subscriptionId: string | undefined;
  tenantId: string | undefined;
  ending: WorkflowEnding;
  stoppedAt: Date | undefined;
}

/**
 * The API's door to subscription workflows: start (idempotent), signal, update, query — with Temporal
 * errors turned into answers an operator can act on (409 for an action the state makes pointless, 400 for other
 * refusals, 404 for a missing workflow, 503 when Temporal is unreachable).
 */
@Injectable()
export class SubscriptionWorkflows {
  constructor(
    private readonly client: Client,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  /** Starts the subscription's workflow; a second start for the same subscription changes nothing. */
  async start(input: SubscriptionWorkflowInput): Promise<string> {
    const options = startOptions(input);
    await this.call(() => this.client.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, { ...options, workflowIdConflictPolicy: 'USE_EXISTING' }));
    return options.workflowId;
  }

  /** The status of the workflow's latest run (`RUNNING`, `TERMINATED`, `CONTINUED_AS_NEW`, …) and, if it stopped, how and when. */
  async runStatus(workflowId: string): Promise<WorkflowRunStatus> {
    return this.withHandle(workflowId, async (handle) => runStatusOf(await handle.describe()));
  }

  /**
   * Starts a stopped subscription workflow (failed, terminated, timed out, cancelled) again from its last good state:
   * the input its stopped run started with (the state carried by the last continue-as-new, or the first input computed
   * as of the stopped run's start). What the stopped run had done since is in the records, and every activity is
   * idempotent, so the new run finds its invoice, payments and messages as they are. Refuses (409) a workflow whose
   * latest run did not stop; a concurrent second restart finds it running.
   */
  async restartStopped(workflowId: string): Promise<{ runId: string; stoppedRunId: string }> {
    return this.call(async () => {
      const latest = await this.client.workflow.getHandle(workflowId).describe();
      if (!runStatusOf(latest).stopped) throw new ConflictException(NOT_STOPPED);
      const history = await this.client.workflow.getHandle(workflowId, latest.runId).fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      const [input] = (await decodeArrayFromPayloads(this.client.workflow.options.loadedDataConverter, started?.input?.payloads)) as SubscriptionWorkflowInput[];
      const restart: SubscriptionWorkflowInput = input.carried ? input : { ...input, startedAt: input.startedAt ?? latest.startTime.getTime() };
      const handle = await this.client.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, { ...startOptions(restart), workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' });
      return { runId: handle.firstExecutionRunId, stoppedRunId: latest.runId };
    });
  }

  /**
   * Subscription workflows whose latest run stopped (of one tenant, or all): the console's alert. Visibility also
   * lists stopped runs that were restarted since; those are left out.
   */
  async listStopped(tenantId: string | undefined, limit: number): Promise<StoppedSubscriptionWorkflow[]> {
    const statuses = STOPPED_VISIBILITY_STATUSES.map((status) => `'${status}'`).join(', ');
    const clauses = [`WorkflowType = '${SUBSCRIPTION_WORKFLOW_TYPE}'`, `ExecutionStatus IN (${statuses})`];
    if (tenantId) clauses.push(`${LunasSearchAttributes.tenantId.name} = '${tenantId}'`);
    return this.call(async () => {
      const stopped = new Map<string, StoppedSubscriptionWorkflow>();
      for await (const execution of this.client.workflow.list({ query: clauses.join(' AND ') })) {
        if (stopped.has(execution.workflowId)) continue;
        const latest = await this.client.workflow.getHandle(execution.workflowId).describe();
        const ended = runStatusOf(latest).stopped;
        if (!ended) continue;
        stopped.set(execution.workflowId, {
          workflowId: execution.workflowId,
          runId: latest.runId,
          subscriptionId: latest.typedSearchAttributes.get(LunasSearchAttributes.subscriptionId),
          tenantId: latest.typedSearchAttributes.get(LunasSearchAttributes.tenantId),
          ending: ended.ending,
          stoppedAt: ended.at,
        });
        if (stopped.size >= limit) break;
      }
      return [...stopped.values()];
    });
  }

  /** Runs one signal, update or query on the workflow's handle, translating Temporal errors. */
  async withHandle<R>(workflowId: string, operation: (handle: WorkflowHandle) => Promise<R>): Promise<R> {
    return this.call(() => operation(this.client.workflow.getHandle(workflowId)));
  }

  /** Subscription ids of the workflows matching a visibility query (at most `limit`). */
  async listSubscriptionIds(query: string, limit: number): Promise<string[]> {
    return this.call(async () => {
      const ids: string[] = [];
      for await (const execution of this.client.workflow.list({ query })) {
        const id = execution.typedSearchAttributes.get(LunasSearchAttributes.subscriptionId);
        if (id) ids.push(id);
        if (ids.length >= limit) break;
      }
      return ids;
    });
  }

  /**
   * The search attributes (stage, suspended, overdue since, invoice number) of the running workflows named, from
   * visibility: one list call for a page of the console.
   */
  async searchAttributesOf(workflowIds: readonly string[]): Promise<Map<string, WorkflowSearchState>> {
    const found = new Map<string, WorkflowSearchState>();
    if (!workflowIds.length) return found;
    const ids = workflowIds.map((id) => `'${id.replace(/'/g, '')}'`).join(', ');
    return this.call(async () => {
      for await (const execution of this.client.workflow.list({ query: `WorkflowId IN (${ids}) AND ExecutionStatus = 'Running'` })) {
        const attributes = execution.typedSearchAttributes;
        found.set(execution.workflowId, {
          stage: attributes.get(LunasSearchAttributes.dunningStage) ?? null,
          suspended: attributes.get(LunasSearchAttributes.suspended) ?? null,
          overdueSince: attributes.get(LunasSearchAttributes.overdueSince) ?? null,
          invoiceNumber: attributes.get(LunasSearchAttributes.invoiceNumber) ?? null,
        });
      }
      return found;
    });
  }

  private async call<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await this.connection.withAbortSignal(AbortSignal.timeout(CALL_TIMEOUT_MS), operation);
    } catch (error) {
      throw translateTemporalError(error);
    }
  }
}

function runStatusOf(description: WorkflowExecutionDescription): WorkflowRunStatus {
  const status = description.status.name;
  const ending = ENDINGS[status];
  return ending ? { status, stopped: { ending, at: description.closeTime } } : { status };
}

/** How a subscription's workflow is started: its id, queue, input and the search attributes it is found by from the start. */
function startOptions(input: SubscriptionWorkflowInput): WorkflowStartOptions & { workflowId: string } {
  const { tenantId, subscriptionId, customerId } = input.subscription;
  return {
    workflowId: subscriptionWorkflowId(tenantId, subscriptionId),
    taskQueue: BILLING_TASK_QUEUE,
    args: [input],
    typedSearchAttributes: [
      { key: LunasSearchAttributes.tenantId, value: tenantId },
      { key: LunasSearchAttributes.customerId, value: customerId },
      { key: LunasSearchAttributes.subscriptionId, value: subscriptionId },
    ],
  };
}

/** Maps a Temporal client error to the HTTP answer an operator sees. */
export function translateTemporalError(error: unknown): Error {
  if (error instanceof WorkflowNotFoundError) return new NotFoundException(WORKFLOW_MISSING);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const { message, type: code } = error.cause;
    return STATE_CONFLICTS.has(code ?? '')
      ? new ConflictException({ statusCode: 409, error: 'Conflict', message, code })
      : new BadRequestException({ statusCode: 400, message, code });
  }
  // Every error here comes from a Temporal call: a refused socket is Temporal's, whatever its shape.
  if (unreachableDependency(error)) return dependencyUnavailable('temporal');
  return error instanceof Error ? error : new Error(String(error));
}
