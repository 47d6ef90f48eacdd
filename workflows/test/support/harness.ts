import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap, Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { DEFAULT_DUNNING_POLICY, type DunningPolicy, type Instant } from '@lunas/domain';
import {
  BILLING_TASK_QUEUE,
  type BillingActivities,
  searchAttributeServerArgs,
  stateQuery,
  subscriptionWorkflowId,
  type SubscriptionWorkflowState,
} from '@lunas/contracts';
import { WORKFLOWS_PATH, workflowBundlerOptions } from '../../../apps/worker/src/temporal/workflow-bundle';
import type { subscriptionWorkflow } from '../../src';

/** An update's outcome as the console would see it. */
export type RequestResult<R> = { status: 'accepted'; result: R } | { status: 'rejected'; code: string; message: string };

/** The embedded Temporal server (time-skipping test server form), built by `nx run devserver:build`. */
export const DEVSERVER_BIN = path.resolve(__dirname, '../../../temporal/devserver/bin/lunas-temporal');

/** Committed histories replayed by the replay gate. */
export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/** Reads a Temporal JSON history (as written by {@link Scenario.recordHistory} or `temporal workflow show --output json`). */
export function readHistory(file: string): temporal.api.history.v1.IHistory {
  return historyFromJSON(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** `wib('2027-04-26 09:00')` → epoch ms of that Asia/Jakarta wall time. */
export function wib(wallTime: string): Instant {
  return Date.parse(`${wallTime.replace(' ', 'T')}:00+07:00`);
}

/** `2027-04-26 09:00` for an instant: what assertions compare, readable in failures. */
export function wibText(instant: Instant): string {
  return new Date(instant + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Bundles the workflows barrel once per test file (as the worker does: same path and aliases). */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: quietLogger });
}

export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: DEVSERVER_BIN }, extraArgs: searchAttributeServerArgs() },
  });
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
    private readonly worker: Worker,
    private readonly running: Promise<void>,
  ) {}

  static async start(
    env: TestWorkflowEnvironment,
    bundle: WorkflowBundleWithSourceMap,
    options: ScenarioOptions,
  ): Promise<Scenario> {
    await env.sleep(options.startAt - (await env.currentTimeMs()));
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: BILLING_TASK_QUEUE,
      workflowBundle: bundle,
      activities: options.activities,
    });
    const running = worker.run();
    const handle = await env.client.workflow.start<typeof subscriptionWorkflow>('subscriptionWorkflow', {
      taskQueue: BILLING_TASK_QUEUE,
      workflowId: subscriptionWorkflowId(SUBSCRIPTION.tenantId, SUBSCRIPTION.subscriptionId),
      args: [{ subscription: SUBSCRIPTION, packageId: options.packageId ?? 'pkg-10', policy: options.policy ?? DEFAULT_DUNNING_POLICY }],
    });
    return new Scenario(env, handle, worker, running);
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

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};
