import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import type { LunasConfig } from '@lunas/config';
import { LUNAS_CONFIG } from '@lunas/config';
import { ACTIVITIES, MESSAGING_ACTIVITIES, type ActivityImplementations } from '../activities/activities.token';
import { MESSAGING_TASK_QUEUE } from '@lunas/contracts';
import { PinoSdkLogger } from './sdk-logger';
import { WORKFLOWS_PATH, workflowBundlerOptions } from './workflow-bundle';

/**
 * Hosts the Temporal worker on the billing task queue. `shutdown()` lets in-flight activities finish
 * (graceful shutdown on SIGINT/SIGTERM) before the connection closes, in `beforeApplicationShutdown` so that the
 * database pool (closed in `onApplicationShutdown`) outlives them.
 */
@Injectable()
export class TemporalWorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private messagingWorker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(LUNAS_CONFIG) private readonly config: LunasConfig,
    @Inject(ACTIVITIES) private readonly activities: ActivityImplementations,
    @Inject(MESSAGING_ACTIVITIES) private readonly messagingActivities: ActivityImplementations,
    private readonly pino: PinoLogger,
  ) {}

  async start(): Promise<void> {
    // Once per process, before the first connection: the SDK's log lines go out as the app's JSON lines.
    Runtime.install({ logger: new PinoSdkLogger(this.pino.logger) });
    this.connection = await NativeConnection.connect({ address: this.config.temporal.address });
    const bundlePath = process.env['WORKFLOW_BUNDLE_PATH'];
    // Bundled once for both task queues' workers.
    const workflowBundle = bundlePath ? { codePath: bundlePath } : await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      activities: this.activities,
      maxCachedWorkflows: this.config.temporal.maxCachedWorkflows,
      workflowThreadPoolSize: this.config.temporal.workflowThreads,
      workflowBundle,
    });
    // The senders' queues (workflows and their sends) on their own queue: a slow WhatsApp never holds up billing.
    this.messagingWorker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: MESSAGING_TASK_QUEUE,
      activities: this.messagingActivities,
      maxConcurrentActivityTaskExecutions: 20,
      workflowBundle,
    });
    this.running = Promise.all([this.worker.run(), this.messagingWorker.run()]).then(() => undefined);
    this.logger.log(`Worker polling task queues "${this.config.temporal.taskQueue}" and "${MESSAGING_TASK_QUEUE}" at ${this.config.temporal.address}`);
  }

  /** Resolves when the worker stops; rejects if it fails. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const worker of [this.worker, this.messagingWorker]) if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch((error) => this.logger.error(error));
    await this.connection?.close();
  }
}
