import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ManualIssueOutcome, ManualIssueSkipReason } from '@lunas/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { GenerationJobReportDto } from './generate-invoices.dto';

/** A job as stored: who asked, for which tenant (null: every tenant) and period. */
export interface GenerationJob {
  id: string;
  tenantId: string | null;
  period: string | null;
  requestedBy: string;
  requesterName: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A subscription the job has yet to ask its workflow about. */
export interface PendingItem {
  subscriptionId: string;
  workflowId: string | null;
}

/** Failures listed in a report (the count covers all). */
const LISTED_FAILURES = 50;

/**
 * Manual issue jobs in PostgreSQL: a job and one item per subscription it covers, each item holding what the
 * subscription's workflow answered. The report is counted from the items, so it is exact after an API restart.
 */
@Injectable()
export class InvoiceGenerationJobs {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates a job over every subscription of `tenantId` (null: every tenant). A cancelled subscription is skipped at
   * once; the others wait for their workflow's answer. Returns the job id and how many subscriptions it covers.
   */
  async create(manager: EntityManager, job: { tenantId: string | null; period: string | null; requestedBy: string }): Promise<{ id: string; total: number }> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO invoice_generation_jobs (tenant_id, period, requested_by) VALUES ($1, $2, $3) RETURNING id`,
      [job.tenantId, job.period, job.requestedBy],
    );
    const inserted: unknown[] = await manager.query(
      `INSERT INTO invoice_generation_job_items (job_id, subscription_id, outcome, reason, finished_at)
       SELECT $1, s.id,
              CASE WHEN s.status = 'cancelled' THEN 'skipped' END,
              CASE WHEN s.status = 'cancelled' THEN 'cancelled' END,
              CASE WHEN s.status = 'cancelled' THEN now() END
         FROM subscriptions s
        WHERE $2::uuid IS NULL OR s.tenant_id = $2
       RETURNING subscription_id`,
      [id, job.tenantId],
    );
    return { id, total: inserted.length };
  }

  async find(id: string): Promise<GenerationJob | undefined> {
    const rows: GenerationJob[] = await this.dataSource.query(
      `SELECT j.id, j.tenant_id AS "tenantId", j.period, j.requested_by AS "requestedBy", u.username AS "requesterName",
              j.created_at AS "createdAt", j.finished_at AS "finishedAt"
         FROM invoice_generation_jobs j JOIN users u ON u.id = j.requested_by
        WHERE j.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Jobs an API process left unfinished (it stopped mid-way), oldest first. */
  async unfinished(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM invoice_generation_jobs WHERE finished_at IS NULL ORDER BY created_at`);
    return rows.map((row) => row.id);
  }

  async pendingItems(jobId: string): Promise<PendingItem[]> {
    return this.dataSource.query(
      `SELECT i.subscription_id AS "subscriptionId", s.workflow_id AS "workflowId"
         FROM invoice_generation_job_items i JOIN subscriptions s ON s.id = i.subscription_id
        WHERE i.job_id = $1 AND i.outcome IS NULL
        ORDER BY i.subscription_id`,
      [jobId],
    );
  }

  async recordOutcome(jobId: string, subscriptionId: string, outcome: ManualIssueOutcome): Promise<void> {
    const reason = outcome.status === 'skipped' ? outcome.reason : null;
    const detail = outcome.status === 'issued' ? outcome.invoiceNumber : outcome.status === 'failed' ? outcome.message : null;
    await this.dataSource.query(
      `UPDATE invoice_generation_job_items SET outcome = $3, reason = $4, period = $5, detail = $6, finished_at = now()
        WHERE job_id = $1 AND subscription_id = $2 AND outcome IS NULL`,
      [jobId, subscriptionId, outcome.status, reason, outcome.period || null, detail],
    );
  }

  async finish(jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE invoice_generation_jobs SET finished_at = now() WHERE id = $1 AND finished_at IS NULL`, [jobId]);
  }

  /** Counts of the job's items by outcome and skip reason, and its first failures. */
  async report(job: GenerationJob): Promise<GenerationJobReportDto> {
    const counts: { outcome: string | null; reason: string | null; n: number }[] = await this.dataSource.query(
      `SELECT outcome, reason, count(*)::int AS n FROM invoice_generation_job_items WHERE job_id = $1 GROUP BY outcome, reason`,
      [job.id],
    );
    const failures: { subscriptionId: string; message: string }[] = await this.dataSource.query(
      `SELECT subscription_id AS "subscriptionId", detail AS message FROM invoice_generation_job_items
        WHERE job_id = $1 AND outcome = 'failed' ORDER BY finished_at, subscription_id LIMIT ${LISTED_FAILURES}`,
      [job.id],
    );
    const count = (outcome: string | null, reason?: string) =>
      counts.filter((row) => row.outcome === outcome && (reason === undefined || row.reason === reason)).reduce((sum, row) => sum + row.n, 0);
    const pending = count(null);
    return {
      jobId: job.id,
      tenantId: job.tenantId,
      period: job.period,
      requestedBy: job.requestedBy,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      done: job.finishedAt !== null && pending === 0,
      total: counts.reduce((sum, row) => sum + row.n, 0),
      pending,
      issued: count('issued'),
      skipped: {
        total: count('skipped'),
        byReason: {
          already_invoiced: count('skipped', 'already_invoiced'),
          cancelled: count('skipped', 'cancelled'),
          isolated: count('skipped', 'isolated'),
          not_next_period: count('skipped', 'not_next_period'),
        } satisfies Record<ManualIssueSkipReason, number>,
      },
      failed: { total: count('failed'), items: failures },
    };
  }
}
