import type { Server } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { bundleWorkflowCode, NativeConnection, Runtime } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import type { LunasConfig } from '@lunas/config';
import { LUNAS_CONFIG } from '@lunas/config';
import { MESSAGING_TASK_QUEUE, type BillingActivities } from '@lunas/contracts';
import { activeTracing, serveMetrics } from '@lunas/observability';
import { ACTIVITIES, MESSAGING_ACTIVITIES, type ActivityImplementations } from '../activities/activities.token';
import { withActivityMetrics } from './activity-metrics';
import { QueueWorkers } from './queue-workers';
import { PinoSdkLogger } from './sdk-logger';
import { tracedBundlePathOf, tracedWorkflowBundlerOptions, WORKFLOWS_PATH, workflowBundlerOptions } from './workflow-bundle';
import { tracedWorkerOptions } from './worker-tracing';

/**
 * Hosts the Temporal workers of the task queues this process polls (`LUNAS_WORKER_QUEUES`). `shutdown()` lets in-flight activities finish
 * (graceful shutdown on SIGINT/SIGTERM) before the connection closes, in `beforeApplicationShutdown` so that the
 * database pool (closed in `onApplicationShutdown`) outlives them.
 */
@Injectable()
export class TemporalWorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private workers?: QueueWorkers;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private metricsServer?: Server;

  constructor(
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
    @Inject(ACTIVITIES) private readonly activities: BillingActivities,
    @Inject(MESSAGING_ACTIVITIES) private readonly messagingActivities: ActivityImplementations,
    private readonly pino: PinoLogger,
  ) {}

  async start(): Promise<void> {
    const { workerPort, temporalPort } = this.config.metrics;
    // Once per process, before the first connection: the SDK's log lines go out as the app's JSON lines, and its own
    // metrics (task latencies, poll results, sticky cache, activity outcomes) to Prometheus on their own port.
    Runtime.install({
      logger: new PinoSdkLogger(this.pino.logger),
      ...(temporalPort ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `0.0.0.0:${temporalPort}` } } } } : {}),
    });
    if (workerPort) this.metricsServer = await serveMetrics(workerPort);
    this.connection = await NativeConnection.connect({ address: this.config.temporal.address });
    const tracing = activeTracing();
    const bundlePath = process.env['WORKFLOW_BUNDLE_PATH'];
    // Bundled once for every workflow-hosting queue's worker; with traces on, the bundle that holds the tracing interceptors.
    const workflowBundle = bundlePath
      ? { codePath: tracing ? tracedBundlePathOf(bundlePath) : bundlePath }
      : await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...(tracing ? tracedWorkflowBundlerOptions : workflowBundlerOptions) });
    this.workers = await QueueWorkers.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      queues: this.config.temporal.workerQueues,
      activities: withActivityMetrics(this.activities),
      queueActivities: { [MESSAGING_TASK_QUEUE]: this.messagingActivities },
      workflows: {
        maxCachedWorkflows: this.config.temporal.maxCachedWorkflows,
        workflowThreadPoolSize: this.config.temporal.workflowThreads,
        workflowBundle,
      },
      ...(tracing ? { common: tracedWorkerOptions(tracing) } : {}),
    });
    this.running = this.workers.run();
    const queues = this.config.temporal.workerQueues.join('", "');
    this.logger.log(`Worker polling task queues "${queues}" at ${this.config.temporal.address}`);
  }

  /** Resolves when the worker stops; rejects if it fails. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.workers?.shutdown();
    await this.running?.catch((error) => this.logger.error(error));
    await this.connection?.close();
    await new Promise((resolve) => (this.metricsServer ? this.metricsServer.close(resolve) : resolve(undefined)));
    await activeTracing()?.shutdown();
  }
}
