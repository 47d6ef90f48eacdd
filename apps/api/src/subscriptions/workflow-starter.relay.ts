import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from '@lunas/persistence';
import { DataSource, IsNull, Not } from 'typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundWork } from '../payments/background-work';
import { SubscriptionsService } from './subscriptions.service';

/** How often subscriptions whose workflow did not start (Temporal was down) are retried. */
const RELAY_INTERVAL_MS = 15_000;
const BATCH = 100;
/** How often `exclusive` looks whether a running pass has ended. */
const EXCLUSIVE_WAIT_MS = 50;

/**
 * Starts the workflows of subscriptions created while Temporal was unreachable. Starting is
 * idempotent (deterministic workflow id, USE_EXISTING), so replicas racing here change nothing.
 */
@Injectable()
export class WorkflowStarterRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkflowStarterRelay.name);
  private readonly work = new BackgroundWork(this.logger, 'workflow starter relay');
  private running = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly subscriptions: SubscriptionsService) {}

  /** Polls every 15 s; a failed pass (PostgreSQL down) is logged and backed off, never thrown. */
  onApplicationBootstrap(): void {
    this.work.startPolling(async () => (await this.startPending()) >= BATCH, RELAY_INTERVAL_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /**
   * Runs `fn` with no pass of this relay in between: for a caller that creates subscriptions and starts their workflows
   * itself, with inputs of its own (the demo seeder).
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.running) await sleep(EXCLUSIVE_WAIT_MS);
    this.running = true;
    try {
      return await fn();
    } finally {
      this.running = false;
    }
  }

  /** One pass: returns how many workflows were started. */
  async startPending(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let started = 0;
    try {
      const pending = await this.dataSource
        .getRepository(Subscription)
        .find({ where: { workflowId: IsNull(), status: Not('cancelled') }, order: { createdAt: 'ASC' }, take: BATCH });
      for (const subscription of pending) {
        if (!(await this.subscriptions.tryStartWorkflow(subscription))) break;
        started += 1;
      }
      if (started) this.logger.log(`started ${started} pending subscription workflows`);
    } finally {
      this.running = false;
    }
    return started;
  }
}
