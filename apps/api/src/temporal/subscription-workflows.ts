import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, Connection, WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  BILLING_TASK_QUEUE,
  LunasSearchAttributes,
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

const WORKFLOW_MISSING = 'Proses penagihan langganan ini belum berjalan atau sudah berakhir.';

/**
 * The API's door to subscription workflows: start (idempotent), signal, update, query — with Temporal
 * errors turned into answers an operator can act on (400 for refusals, 404 for a missing workflow,
 * 503 when Temporal is unreachable).
 */
@Injectable()
export class SubscriptionWorkflows {
  constructor(
    private readonly client: Client,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  /** Starts the subscription's workflow; a second start for the same subscription changes nothing. */
  async start(input: SubscriptionWorkflowInput): Promise<string> {
    const { tenantId, subscriptionId, customerId } = input.subscription;
    const workflowId = subscriptionWorkflowId(tenantId, subscriptionId);
    await this.call(() =>
      this.client.workflow.start(SUBSCRIPTION_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: BILLING_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: LunasSearchAttributes.tenantId, value: tenantId },
          { key: LunasSearchAttributes.customerId, value: customerId },
          { key: LunasSearchAttributes.subscriptionId, value: subscriptionId },
        ],
      }),
    );
    return workflowId;
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

  private async call<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await this.connection.withAbortSignal(AbortSignal.timeout(CALL_TIMEOUT_MS), operation);
    } catch (error) {
      throw translateTemporalError(error);
    }
  }
}

/** Maps a Temporal client error to the HTTP answer an operator sees. */
export function translateTemporalError(error: unknown): Error {
  if (error instanceof WorkflowNotFoundError) return new NotFoundException(WORKFLOW_MISSING);
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    return new BadRequestException({ statusCode: 400, message: error.cause.message, code: error.cause.type });
  }
  // Every error here comes from a Temporal call: a refused socket is Temporal's, whatever its shape.
  if (unreachableDependency(error)) return dependencyUnavailable('temporal');
  return error instanceof Error ? error : new Error(String(error));
}
