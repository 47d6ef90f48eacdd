import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy, type Instant } from '@lunas/domain';
import {
  BILLING_TASK_QUEUE,
  type BillingActivities,
  TASK_QUEUES,
  stateQuery,
  subscriptionWorkflowId,
  type SubscriptionWorkflowState,
} from '@lunas/contracts';
import { wibText } from '../../../apps/worker/test/support/temporal';
import { QueueWorkers } from '../../../apps/worker/src/temporal/queue-workers';
import { eventually } from '@lunas/testing';
import type { subscriptionWorkflow } from '../../src';

export { bundleWorkflows, startTimeSkippingServer, wib, wibText } from '../../../apps/worker/test/support/temporal';

/** An update's outcome as the console would see it. */
export type RequestResult<R> = { status: 'accepted'; result: R } | { status: 'rejected'; code: string; message: string };

/** Committed histories replayed by the replay gate. */
export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/** Reads a Temporal JSON history (as written by {@link Scenario.recordHistory} or `temporal workflow show --output json`). */
export function readHistory(file: string): temporal.api.history.v1.IHistory {
  return historyFromJSON(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export const SUBSCRIPTION = {
  tenantId: 'tenant-1',
  subscriptionId: 'sub-1',
  customerId: 'cust-1',
  billingDay: 5,
} as const;

export interface ScenarioOptions {
  startAt: Instant;
  activities: BillingActivities;
  packageId?: string;
  policy?: DunningPolicy;
}

/** One subscription workflow on a time-skipping server with its own worker; the test moves the calendar. */
export class Scenario {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof subscriptionWorkflow>,
    private readonly bundle: WorkflowBundleWithSourceMap,
    private readonly activities: BillingActivities,
    private worker: QueueWorkers,
    private running: Promise<void>,
  ) {}

  private static async runWorker(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, activities: BillingActivities) {
    const worker = await QueueWorkers.create({ connection: env.nativeConnection, queues: TASK_QUEUES, activities, workflows: { workflowBundle: bundle } });
    return { worker, running: worker.run() };
  }

  static async start(
    env: TestWorkflowEnvironment,
    bundle: WorkflowBundleWithSourceMap,
    options: ScenarioOptions,
  ): Promise<Scenario> {
    await env.sleep(options.startAt - (await env.currentTimeMs()));
    const { worker, running } = await Scenario.runWorker(env, bundle, options.activities);
    const handle = await env.client.workflow.start<typeof subscriptionWorkflow>('subscriptionWorkflow', {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(SUBSCRIPTION.tenantId, SUBSCRIPTION.subscriptionId),
      args: [{ subscription: SUBSCRIPTION, packageId: options.packageId ?? 'pkg-10', policy: options.policy ?? DEFAULT_DUNNING_POLICY }],
    });
    return new Scenario(env, handle, bundle, options.activities, worker, running);
  }

  /**
   * Shuts the worker down, runs `whileDown` (the workflow gets no task meanwhile; moving the calendar then passes its
   * timers as an outage would), then starts a new worker and waits until it polls (it answers a query), so that the
   * calendar moves on only once the workflow has caught up.
   */
  async withWorkerDown(whileDown: () => Promise<void> | void): Promise<void> {
    // The outage starts once the worker has finished what it holds: a workflow task it took but had not completed
    // when it stopped would time out 10 s later and run first after the outage, as if the workflow had never started.
    await this.untilNoWorkflowTask();
    await this.stop();
    await whileDown();
    ({ worker: this.worker, running: this.running } = await Scenario.runWorker(this.env, this.bundle, this.activities));
    await this.state();
    // The server may count the queue as worker-less until the new worker polls again; until the workflow task that
    // the outage left pending has run, a travel could skip time past it.
    await this.untilNoWorkflowTask();
  }

  private untilNoWorkflowTask(): Promise<void> {
    return eventually(async () => !(await this.handle.describe()).raw.pendingWorkflowTask, 30_000);
  }

  /** Moves the calendar to `instant`, letting every timer due before it fire. */
  async travelTo(instant: Instant): Promise<void> {
    const now = await this.env.currentTimeMs();
    if (instant < now) throw new Error(`Cannot travel back from ${wibText(now)} to ${wibText(instant)}`);
    await this.env.sleep(instant - now);
  }

  /** Sends an update and returns its answer, or the validator's refusal (code and Indonesian message). */
  async request<R, A>(update: UpdateDefinition<R, [A]>, request: A): Promise<RequestResult<R>> {
    try {
      return { status: 'accepted', result: await this.handle.executeUpdate(update, { args: [request] }) };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        return { status: 'rejected', code: error.cause.type ?? 'REJECTED', message: error.cause.message };
      }
      throw error;
    }
  }

  /** With RECORD_HISTORIES=1, writes the run's history to test/histories/<name>.json for the replay gate. */
  async recordHistory(name: string, runId?: string): Promise<void> {
    if (!process.env['RECORD_HISTORIES']) return;
    const history = await this.env.client.workflow.getHandle(this.handle.workflowId, runId).fetchHistory();
    fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
  }

  state(): Promise<SubscriptionWorkflowState> {
    return this.handle.query(stateQuery);
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
  }
}
