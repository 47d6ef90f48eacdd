import { HttpException, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { issueNextInvoiceNowUpdate, type ManualIssueOutcome } from '@lunas/contracts';
import { BackgroundWork, messageOf } from '../../payments/background-work';
import { SubscriptionWorkflows } from '../../temporal/subscription-workflows';
import { type GenerationJob, InvoiceGenerationJobs, type PendingItem } from './invoice-generation-jobs';

/**
 * Workflow updates of one job in flight at once (8): each waits for one workflow task and the issuing local activity
 * (tens of milliseconds), so 8 keep the worker busy on its cores without queueing thousands of updates in Temporal.
 */
export const GENERATION_CONCURRENCY = 8;

const WORKFLOW_NOT_STARTED = 'Proses penagihan langganan ini belum dimulai; tagihan tidak diterbitkan.';

/**
 * Carries out manual issue jobs in the background: asks each subscription's workflow to issue its next period now
 * (`issueNextInvoiceNow`), a bounded number at a time, and stores each answer. A failing workflow is recorded as failed
 * and the others go on. Jobs an API process left unfinished are resumed at start; the workflow answers a repeat of an
 * issued period with `skipped`, so a resumed job never issues twice.
 */
@Injectable()
export class InvoiceGenerationRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InvoiceGenerationRunner.name);
  private readonly work = new BackgroundWork(this.logger, 'invoice generation');

  constructor(
    private readonly jobs: InvoiceGenerationJobs,
    private readonly workflows: SubscriptionWorkflows,
  ) {}

  onApplicationBootstrap(): void {
    this.work.track(this.jobs.unfinished().then((ids) => Promise.all(ids.map((id) => this.run(id)))));
  }

  /** Stops taking new items; what is in flight completes, the rest waits for the next start. */
  onApplicationShutdown(): Promise<void> {
    return this.work.stop();
  }

  /** Runs job `id` in the background. */
  start(id: string): void {
    this.work.track(this.run(id));
  }

  private async run(id: string): Promise<void> {
    const job = await this.jobs.find(id);
    if (!job) return;
    const items = await this.jobs.pendingItems(id);
    let next = 0;
    const lane = async () => {
      while (next < items.length && !this.work.isStopped) {
        const item = items[next++];
        await this.jobs.recordOutcome(id, item.subscriptionId, await this.issue(job, item));
      }
    };
    await Promise.all(Array.from({ length: Math.min(GENERATION_CONCURRENCY, items.length) }, lane));
    if (next >= items.length) await this.jobs.finish(id);
  }

  private async issue(job: GenerationJob, item: PendingItem): Promise<ManualIssueOutcome> {
    const period = job.period ?? '';
    if (!item.workflowId) return { status: 'failed', period, message: WORKFLOW_NOT_STARTED };
    const request = { actor: { userId: job.requestedBy, name: job.requesterName }, ...(job.period ? { period: job.period } : {}) };
    try {
      return await this.workflows.withHandle(item.workflowId, (handle) => handle.executeUpdate(issueNextInvoiceNowUpdate, { args: [request] }));
    } catch (error) {
      this.logger.warn(`manual issue of subscription ${item.subscriptionId} failed: ${messageOf(error)}`);
      return { status: 'failed', period, message: failureMessage(error) };
    }
  }
}

/** What the report says of a failure: the API's own Indonesian message where there is one. */
function failureMessage(error: unknown): string {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    return typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
  }
  return 'Alur kerja langganan tidak dapat dihubungi; coba lagi nanti.';
}
