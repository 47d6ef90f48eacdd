import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual issue of next period's invoices (`POST /api/v1/invoices/generate`): one job per request, for one tenant or
 * (tenant null, superadmin) every tenant, and one item per subscription it covers with what its workflow answered.
 * Items without an outcome are still to do: a job survives an API restart and is resumed from them.
 */
export class InvoiceGenerationJobs1763800015000 implements MigrationInterface {
  name = 'InvoiceGenerationJobs1763800015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_generation_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        period varchar(7),
        requested_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_invoice_generation_jobs_unfinished ON invoice_generation_jobs (created_at) WHERE finished_at IS NULL`);
    await q.query(`
      CREATE TABLE invoice_generation_job_items (
        job_id uuid NOT NULL REFERENCES invoice_generation_jobs (id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        outcome varchar(16) CONSTRAINT ck_invoice_generation_job_items_outcome CHECK (outcome IN ('issued', 'skipped', 'failed')),
        reason varchar(32),
        period varchar(7),
        detail text,
        finished_at timestamptz,
        PRIMARY KEY (job_id, subscription_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invoice_generation_job_items`);
    await q.query(`DROP TABLE invoice_generation_jobs`);
  }
}
